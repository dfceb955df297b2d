import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { createDecryptStream, createEncryptStream, encryptedSize, ObjectIntegrityError } from './segmented-encryption.js';

const SEGMENT = 1024;
const HEADER = 17;
const TAG = 16;
const key = randomBytes(32);
const binding = Buffer.from('object-version-1');

async function collect(source: Readable, transform: Transform): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(source, transform, async function (stream: AsyncIterable<Buffer>) {
    for await (const part of stream) {
      parts.push(part);
    }
  });
  return Buffer.concat(parts);
}

/** Feeds `data` in pieces of `pieceSize` bytes, so segment boundaries fall inside chunks. */
function piecesOf(data: Buffer, pieceSize: number): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += pieceSize) {
    pieces.push(data.subarray(offset, offset + pieceSize));
  }
  return Readable.from(pieces);
}

function encrypt(plaintext: Buffer, pieceSize = 100): Promise<Buffer> {
  return collect(piecesOf(plaintext, pieceSize), createEncryptStream({ key, binding, segmentSize: SEGMENT }));
}

function decrypt(stored: Buffer, options: { binding?: Buffer; expectedPlaintextSize?: number; pieceSize?: number } = {}): Promise<Buffer> {
  const stream = createDecryptStream({ key, binding: options.binding ?? binding, expectedPlaintextSize: options.expectedPlaintextSize });
  return collect(piecesOf(stored, options.pieceSize ?? 333), stream);
}

describe('segmented encryption', () => {
  for (const size of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 5 * SEGMENT + 17, 4 * SEGMENT]) {
    it(`round-trips ${size} bytes`, async () => {
      const plaintext = randomBytes(size);

      const stored = await encrypt(plaintext);
      const decrypted = await decrypt(stored, { expectedPlaintextSize: size });

      assert.equal(stored.length, encryptedSize(size, SEGMENT));
      assert.deepEqual(decrypted, plaintext);
    });
  }

  it('round-trips with one-byte pieces', async () => {
    const plaintext = randomBytes(2 * SEGMENT + 5);

    const stored = await encrypt(plaintext, 1);

    assert.deepEqual(await decrypt(stored, { pieceSize: 1 }), plaintext);
  });

  it('does not store the plaintext', async () => {
    const plaintext = Buffer.from('a marker that must not appear in the stored bytes '.repeat(40));

    const stored = await encrypt(plaintext);

    assert.equal(stored.includes(Buffer.from('a marker that must not appear')), false);
  });

  it('uses a fresh nonce prefix per object', async () => {
    const plaintext = randomBytes(100);

    const first = await encrypt(plaintext);
    const second = await encrypt(plaintext);

    assert.notDeepEqual(first.subarray(HEADER), second.subarray(HEADER));
  });

  it('rejects a tampered segment', async () => {
    const stored = await encrypt(randomBytes(3 * SEGMENT));
    stored[HEADER + SEGMENT + TAG + 10]! ^= 0x01;

    await assert.rejects(decrypt(stored), ObjectIntegrityError);
  });

  it('rejects a tampered header', async () => {
    const stored = await encrypt(randomBytes(100));
    stored[HEADER - 1]! ^= 0x01;

    await assert.rejects(decrypt(stored), ObjectIntegrityError);
  });

  it('rejects a stream cut at a segment boundary', async () => {
    const stored = await encrypt(randomBytes(3 * SEGMENT));
    const withoutLastSegment = stored.subarray(0, HEADER + 2 * (SEGMENT + TAG));

    await assert.rejects(decrypt(withoutLastSegment), ObjectIntegrityError);
  });

  it('rejects a stream cut inside a segment', async () => {
    const stored = await encrypt(randomBytes(3 * SEGMENT));

    await assert.rejects(decrypt(stored.subarray(0, stored.length - 5)), ObjectIntegrityError);
  });

  it('rejects a stream cut inside the header', async () => {
    const stored = await encrypt(randomBytes(10));

    await assert.rejects(decrypt(stored.subarray(0, 9)), ObjectIntegrityError);
  });

  it('rejects reordered segments', async () => {
    const stored = await encrypt(randomBytes(3 * SEGMENT));
    const sealed = SEGMENT + TAG;
    const first = stored.subarray(HEADER, HEADER + sealed);
    const second = stored.subarray(HEADER + sealed, HEADER + 2 * sealed);
    const reordered = Buffer.concat([stored.subarray(0, HEADER), second, first, stored.subarray(HEADER + 2 * sealed)]);

    await assert.rejects(decrypt(reordered), ObjectIntegrityError);
  });

  it('rejects a non-final segment presented as final', async () => {
    // Two full segments plus a short one; dropping the short final segment
    // leaves a full segment that was sealed as non-final.
    const stored = await encrypt(randomBytes(2 * SEGMENT + 1));

    await assert.rejects(decrypt(stored.subarray(0, HEADER + 2 * (SEGMENT + TAG))), ObjectIntegrityError);
  });

  it('rejects appended bytes after the final segment', async () => {
    const stored = await encrypt(randomBytes(SEGMENT));
    const extended = Buffer.concat([stored, randomBytes(SEGMENT + TAG)]);

    await assert.rejects(decrypt(extended), ObjectIntegrityError);
  });

  it('rejects data moved to another object', async () => {
    const stored = await encrypt(randomBytes(100));

    await assert.rejects(decrypt(stored, { binding: Buffer.from('object-version-2') }), ObjectIntegrityError);
  });

  it('rejects a plaintext of unexpected length', async () => {
    const stored = await encrypt(randomBytes(100));

    await assert.rejects(decrypt(stored, { expectedPlaintextSize: 101 }), /expected 101 bytes/);
  });

  it('rejects a wrong key', async () => {
    const stored = await encrypt(randomBytes(100));
    const stream = createDecryptStream({ key: randomBytes(32), binding });

    await assert.rejects(collect(Readable.from([stored]), stream), ObjectIntegrityError);
  });
});
