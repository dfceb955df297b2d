import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createEncryptStream, HEADER_BYTES, ObjectIntegrityError } from './segmented-encryption.js';
import { createRangeDecryptStream, planSegmentRange } from './segmented-range.js';

const SEGMENT = 16;
const key = randomBytes(32);
const binding = Buffer.from('bucket/key/version');

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function encrypt(plaintext: Buffer): Promise<Buffer> {
  return collect(Readable.from([plaintext]).pipe(createEncryptStream({ key, binding, segmentSize: SEGMENT })));
}

/** Decrypts a range the way a reader does: header and covering segments only, fed in small pieces. */
async function decryptRange(stored: Buffer, plaintextSize: number, start: number, end: number, pieceSize = 5): Promise<Buffer> {
  const plan = planSegmentRange(plaintextSize, SEGMENT, { start, end });
  const slice = stored.subarray(plan.storedStart, plan.storedEnd + 1);
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < slice.length; offset += pieceSize) {
    pieces.push(slice.subarray(offset, offset + pieceSize));
  }
  const header = stored.subarray(0, HEADER_BYTES);
  return collect(Readable.from(pieces).pipe(createRangeDecryptStream({ key, binding, header, plan })));
}

test('every range of small objects', async () => {
  for (const size of [1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 7]) {
    const plaintext = randomBytes(size);
    const stored = await encrypt(plaintext);
    for (let start = 0; start < size; start += 1) {
      for (let end = start; end < size; end += 1) {
        const range = await decryptRange(stored, size, start, end);
        assert.ok(range.equals(plaintext.subarray(start, end + 1)), `size ${size} range ${start}-${end}`);
      }
    }
  }
});

test('plan fetches covering segments only', () => {
  const plan = planSegmentRange(100, SEGMENT, { start: 20, end: 40 });

  assert.equal(plan.firstSegment, 1);
  assert.equal(plan.lastSegment, 2);
  assert.equal(plan.finalSegment, 6);
  assert.equal(plan.storedStart, HEADER_BYTES + 1 * (SEGMENT + 16));
  assert.equal(plan.storedEnd, HEADER_BYTES + 3 * (SEGMENT + 16) - 1);
  assert.equal(plan.skip, 4);
  assert.equal(plan.length, 21);
});

test('plan rejects ranges outside the object', () => {
  assert.throws(() => planSegmentRange(10, SEGMENT, { start: 10, end: 10 }), RangeError);
  assert.throws(() => planSegmentRange(10, SEGMENT, { start: 5, end: 4 }), RangeError);
  assert.throws(() => planSegmentRange(0, SEGMENT, { start: 0, end: 0 }), RangeError);
});

test('tampered segment in range fails', async () => {
  const plaintext = randomBytes(5 * SEGMENT);
  const stored = await encrypt(plaintext);
  const plan = planSegmentRange(plaintext.length, SEGMENT, { start: 33, end: 50 });
  stored[plan.storedStart + 3] ^= 0x01;

  await assert.rejects(decryptRange(stored, plaintext.length, 33, 50), ObjectIntegrityError);
});

test('range from another object fails', async () => {
  const plaintext = randomBytes(4 * SEGMENT);
  const stored = await encrypt(plaintext);
  const plan = planSegmentRange(plaintext.length, SEGMENT, { start: 0, end: 10 });
  const header = stored.subarray(0, HEADER_BYTES);
  const slice = stored.subarray(plan.storedStart, plan.storedEnd + 1);

  const stream = Readable.from([slice]).pipe(createRangeDecryptStream({ key, binding: Buffer.from('other/key/version'), header, plan }));
  await assert.rejects(collect(stream), ObjectIntegrityError);
});

test('segment presented at another index fails', async () => {
  const plaintext = randomBytes(4 * SEGMENT);
  const stored = await encrypt(plaintext);
  const wanted = planSegmentRange(plaintext.length, SEGMENT, { start: 16, end: 20 });
  const other = planSegmentRange(plaintext.length, SEGMENT, { start: 32, end: 36 });
  const header = stored.subarray(0, HEADER_BYTES);
  const wrongSegment = stored.subarray(other.storedStart, other.storedEnd + 1);

  const stream = Readable.from([wrongSegment]).pipe(createRangeDecryptStream({ key, binding, header, plan: wanted }));
  await assert.rejects(collect(stream), ObjectIntegrityError);
});

test('short stored range fails', async () => {
  const plaintext = randomBytes(4 * SEGMENT);
  const stored = await encrypt(plaintext);
  const plan = planSegmentRange(plaintext.length, SEGMENT, { start: 0, end: 40 });
  const header = stored.subarray(0, HEADER_BYTES);
  const truncated = stored.subarray(plan.storedStart, plan.storedEnd - 20);

  const stream = Readable.from([truncated]).pipe(createRangeDecryptStream({ key, binding, header, plan }));
  await assert.rejects(collect(stream), ObjectIntegrityError);
});
