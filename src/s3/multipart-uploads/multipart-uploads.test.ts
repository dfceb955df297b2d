import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { ACCOUNT, createS3Fixture, OTHER_ACCOUNT, principalOf, readAll, type S3Fixture } from '../s3-test-fixture.js';
import { ObjectIntegrityError } from '../server-side-encryption/segmented-encryption.js';
import { MIN_PART_BYTES } from './multipart-limits.js';

const owner = principalOf(ACCOUNT);
const BUCKET = 'parts-bucket';

function queuedBlobCount(fixture: S3Fixture): number {
  return (fixture.database.prepare('SELECT COUNT(*) AS n FROM s3_blob_cleanup').get() as { n: number }).n;
}

async function assertS3Error(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof S3Error && error.code === code);
}

describe('S3Service multipart uploads', () => {
  let fixture: S3Fixture;
  beforeEach(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: BUCKET });
  });
  afterEach(() => fixture.cleanup());

  const create = async (key: string, encryption = {}) =>
    (await fixture.service.createMultipartUpload(owner, { bucket: BUCKET, key, headers: {}, userMetadata: {}, encryption })).uploadId;
  const upload = (key: string, uploadId: string, partNumber: number, data: Buffer, body: Readable = Readable.from([data])) =>
    fixture.service.uploadPart(owner, { bucket: BUCKET, key, uploadId, partNumber, body, contentLength: data.length });

  it('completes parts into one object and keeps only the listed parts', async () => {
    const uploadId = await create('object');
    const parts = [randomBytes(MIN_PART_BYTES), randomBytes(10), randomBytes(20)];
    const etags = [];
    for (const [index, data] of parts.entries()) {
      etags.push((await upload('object', uploadId, index + 1, data)).etag);
    }

    await fixture.service.completeMultipartUpload(owner, {
      bucket: BUCKET,
      key: 'object',
      uploadId,
      parts: [{ partNumber: 1, etag: etags[0]! }, { partNumber: 3, etag: etags[2]! }],
    });
    const got = await fixture.service.getObject(owner, BUCKET, 'object');

    assert.ok((await readAll(got.body)).equals(Buffer.concat([parts[0]!, parts[2]!])));
    assert.equal(got.object.size, MIN_PART_BYTES + 20);
    assert.equal((await fixture.readBlobFiles()).length, 2, 'the unlisted part 2 is deleted');
    assert.equal(queuedBlobCount(fixture), 0);
  });

  it('deletes part blobs on abort and on DeleteObject', async () => {
    const aborted = await create('aborted');
    await upload('aborted', aborted, 1, randomBytes(100));
    await fixture.service.abortMultipartUpload(owner, BUCKET, 'aborted', aborted);
    assert.equal((await fixture.readBlobFiles()).length, 0);
    await assertS3Error(fixture.service.abortMultipartUpload(owner, BUCKET, 'aborted', aborted), 'NoSuchUpload');

    const uploadId = await create('deleted');
    const { etag } = await upload('deleted', uploadId, 1, randomBytes(100));
    await fixture.service.completeMultipartUpload(owner, { bucket: BUCKET, key: 'deleted', uploadId, parts: [{ partNumber: 1, etag }] });
    await fixture.service.deleteObject(owner, BUCKET, 'deleted');

    assert.equal((await fixture.readBlobFiles()).length, 0);
    assert.equal(queuedBlobCount(fixture), 0);
  });

  it('stores nothing when the body fails', async () => {
    const uploadId = await create('failing');
    const data = randomBytes(200_000);
    const body = Readable.from(
      (async function* () {
        yield data.subarray(0, 100_000);
        throw new Error('signature mismatch');
      })(),
    );

    await assert.rejects(upload('failing', uploadId, 1, data, body), /signature mismatch/);
    const listed = fixture.service.listParts(owner, { bucket: BUCKET, key: 'failing', uploadId });
    assert.equal(listed.parts.length, 0);
    assert.equal((await fixture.readBlobFiles()).length, 0);
  });

  it('replaces a part uploaded twice and deletes the first blob', async () => {
    const uploadId = await create('twice');
    await upload('twice', uploadId, 1, randomBytes(10));
    const second = randomBytes(30);
    await upload('twice', uploadId, 1, second);

    const listed = fixture.service.listParts(owner, { bucket: BUCKET, key: 'twice', uploadId });
    assert.deepEqual(listed.parts.map((part) => part.size), [30]);
    assert.equal((await fixture.readBlobFiles()).length, 1);
  });

  it('detects parts swapped in the metadata', async () => {
    const uploadId = await create('swapped');
    const one = await upload('swapped', uploadId, 1, randomBytes(MIN_PART_BYTES));
    const two = await upload('swapped', uploadId, 2, randomBytes(MIN_PART_BYTES));
    await fixture.service.completeMultipartUpload(owner, {
      bucket: BUCKET,
      key: 'swapped',
      uploadId,
      parts: [{ partNumber: 1, etag: one.etag }, { partNumber: 2, etag: two.etag }],
    });

    // Exchange the blobs of the two equal-sized parts behind the server's back.
    const rows = fixture.database.prepare('SELECT part_number, blob_id FROM s3_parts WHERE upload_id = ? ORDER BY part_number').all(uploadId) as Array<{ blob_id: string }>;
    const update = fixture.database.prepare('UPDATE s3_parts SET blob_id = ? WHERE upload_id = ? AND part_number = ?');
    update.run(rows[1]!.blob_id, uploadId, 1);
    update.run(rows[0]!.blob_id, uploadId, 2);

    const got = await fixture.service.getObject(owner, BUCKET, 'swapped');
    await assert.rejects(readAll(got.body), (error: unknown) => error instanceof ObjectIntegrityError);
  });

  it('shares one KMS data key per upload', async () => {
    const uploadId = await create('kms', { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/app' });
    const { etag, kmsKeyArn } = await upload('kms', uploadId, 1, randomBytes(1000));
    assert.equal(kmsKeyArn, fixture.dataKeys.keyArn);
    assert.equal(fixture.dataKeys.generateCalls, 1);

    fixture.dataKeys.denied.add(ACCOUNT);
    await assertS3Error(upload('kms', uploadId, 2, randomBytes(10)), 'AccessDenied');
    fixture.dataKeys.denied.clear();

    await fixture.service.completeMultipartUpload(owner, { bucket: BUCKET, key: 'kms', uploadId, parts: [{ partNumber: 1, etag }] });
    const head = await fixture.service.headObject(owner, BUCKET, 'kms');
    assert.equal(head.serverSideEncryption, 'aws:kms');
  });

  it('rejects uploads of another key or account', async () => {
    const uploadId = await create('mine');
    await assertS3Error(upload('other-key', uploadId, 1, randomBytes(1)), 'NoSuchUpload');
    await assertS3Error(
      fixture.service.uploadPart(principalOf(OTHER_ACCOUNT), { bucket: BUCKET, key: 'mine', uploadId, partNumber: 1, body: Readable.from([]), contentLength: 0 }),
      'AccessDenied',
    );
  });

  it('drops uploads in progress with their bucket', async () => {
    const uploadId = await create('in-progress');
    await upload('in-progress', uploadId, 1, randomBytes(100));

    fixture.service.deleteBucket(owner, BUCKET);

    assert.equal((fixture.database.prepare('SELECT COUNT(*) AS n FROM s3_multipart_uploads').get() as { n: number }).n, 0);
    assert.equal(queuedBlobCount(fixture), 1, 'the part blob waits for the next startup cleanup');
  });
});
