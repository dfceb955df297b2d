import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { KmsError } from '../kms-errors.js';
import { CIPHERTEXT_OVERHEAD_BYTES, openCiphertextBlob, readCiphertextKeyId, sealCiphertextBlob } from './ciphertext-blob.js';

const KEY_ID = '1234abcd-12ab-44cd-96ef-1234567890ab';
const keyMaterial = randomBytes(32);
const context = { purpose: 'unit-test' };
const plaintext = Buffer.from('attack at dawn');

function seal(): Buffer {
  return sealCiphertextBlob({ keyMaterial, keyId: KEY_ID, plaintext, encryptionContext: context, iv: randomBytes(12) });
}

function isInvalidCiphertext(error: unknown): boolean {
  return error instanceof KmsError && error.type === 'InvalidCiphertextException';
}

test('round trip and layout', () => {
  const iv = randomBytes(12);
  const blob = sealCiphertextBlob({ keyMaterial, keyId: KEY_ID, plaintext, encryptionContext: context, iv });

  assert.equal(blob.length, CIPHERTEXT_OVERHEAD_BYTES + plaintext.length);
  assert.equal(blob[0], 1);
  assert.equal(blob.subarray(1, 17).toString('hex'), KEY_ID.replaceAll('-', ''));
  assert.deepEqual(blob.subarray(17, 29), iv);
  assert.equal(blob.indexOf(plaintext), -1);
  assert.equal(readCiphertextKeyId(blob), KEY_ID);
  assert.deepEqual(openCiphertextBlob(keyMaterial, blob, { purpose: 'unit-test' }), plaintext);
});

test('tampering with any part fails', () => {
  const parts: Array<[string, number]> = [
    ['version', 0],
    ['key id', 5],
    ['IV', 20],
    ['ciphertext', 30],
    ['tag', CIPHERTEXT_OVERHEAD_BYTES + plaintext.length - 1],
  ];

  for (const [part, offset] of parts) {
    const blob = seal();
    blob[offset] = blob[offset]! ^ 0x01;
    assert.throws(() => openCiphertextBlob(keyMaterial, blob, context), isInvalidCiphertext, part);
  }
});

test('every truncation fails', () => {
  const blob = seal();
  for (let length = 0; length < blob.length; length += 1) {
    assert.throws(() => openCiphertextBlob(keyMaterial, blob.subarray(0, length), context), isInvalidCiphertext, `length ${length}`);
  }
});

test('short blobs have no key id', () => {
  assert.throws(() => readCiphertextKeyId(Buffer.alloc(CIPHERTEXT_OVERHEAD_BYTES - 1, 1)), isInvalidCiphertext);
  assert.throws(() => readCiphertextKeyId(Buffer.from('not a ciphertext blob at all, just some text')), isInvalidCiphertext);
});

test('encryption context must match', () => {
  const blob = seal();
  const wrongContexts: Array<Record<string, string> | undefined> = [undefined, {}, { purpose: 'other' }, { purpose: 'unit-test', extra: '' }, { Purpose: 'unit-test' }];

  for (const wrong of wrongContexts) {
    assert.throws(() => openCiphertextBlob(keyMaterial, blob, wrong), isInvalidCiphertext, JSON.stringify(wrong));
  }
});

test('other key material fails', () => {
  assert.throws(() => openCiphertextBlob(randomBytes(32), seal(), context), isInvalidCiphertext);
});
