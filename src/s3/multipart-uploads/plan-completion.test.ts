import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { MIN_PART_BYTES } from './multipart-limits.js';
import { multipartEtag, planCompletion } from './plan-completion.js';
import type { PartRecord } from './upload-records.js';

function part(partNumber: number, size: number, etag: string): PartRecord {
  return { uploadId: 'upload', partNumber, blobId: `blob-${partNumber}`, size, etag, lastModified: new Date(0) };
}

function assertCode(run: () => unknown, code: string): void {
  assert.throws(run, (error: unknown) => error instanceof S3Error && error.code === code);
}

// MD5 of "a" and of "b"; the expected multipart ETag was computed with Python's hashlib.
const ETAG_A = '"0cc175b9c0f1b6a831c399e269772661"';
const ETAG_B = '"92eb5ffee6ae2fec3ad71c777531578f"';

describe('multipartEtag', () => {
  it('hashes the binary part MD5s and appends the count', () => {
    assert.equal(multipartEtag([ETAG_A, ETAG_B]), '"96e024ba2074fe77e8e965ba43a704be-2"');
  });
});

describe('planCompletion', () => {
  const uploaded = [part(1, MIN_PART_BYTES, ETAG_A), part(2, MIN_PART_BYTES, ETAG_B), part(3, 10, ETAG_A)];

  it('keeps the listed parts in order with their total size', () => {
    const plan = planCompletion([{ partNumber: 1, etag: ETAG_A }, { partNumber: 3, etag: ETAG_A }], uploaded);

    assert.deepEqual(plan.parts.map((entry) => entry.partNumber), [1, 3]);
    assert.equal(plan.size, MIN_PART_BYTES + 10);
    assert.equal(plan.etag, multipartEtag([ETAG_A, ETAG_A]));
  });

  it('accepts ETags without quotes', () => {
    const plan = planCompletion([{ partNumber: 2, etag: ETAG_B.replace(/"/g, '') }], uploaded);
    assert.equal(plan.parts.length, 1);
  });

  it('rejects descending or repeated part numbers', () => {
    assertCode(() => planCompletion([{ partNumber: 2, etag: ETAG_B }, { partNumber: 1, etag: ETAG_A }], uploaded), 'InvalidPartOrder');
    assertCode(() => planCompletion([{ partNumber: 1, etag: ETAG_A }, { partNumber: 1, etag: ETAG_A }], uploaded), 'InvalidPartOrder');
  });

  it('rejects a missing part or a wrong ETag', () => {
    assertCode(() => planCompletion([{ partNumber: 4, etag: ETAG_A }], uploaded), 'InvalidPart');
    assertCode(() => planCompletion([{ partNumber: 1, etag: ETAG_B }], uploaded), 'InvalidPart');
  });

  it('rejects a part under 5 MiB unless it is last', () => {
    assertCode(() => planCompletion([{ partNumber: 3, etag: ETAG_A }, { partNumber: 4, etag: ETAG_A }], [...uploaded, part(4, 1, ETAG_A)]), 'EntityTooSmall');
    assert.equal(planCompletion([{ partNumber: 3, etag: ETAG_A }], uploaded).size, 10);
  });
});
