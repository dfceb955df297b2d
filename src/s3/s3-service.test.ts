import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { S3Error } from './s3-errors.js';
import { ACCOUNT, createS3Fixture, OTHER_ACCOUNT, principalOf, putRequest, readAll, type S3Fixture } from './s3-test-fixture.js';
import { S3Service } from './s3-service.js';
import { ObjectIntegrityError } from './server-side-encryption/segmented-encryption.js';

const owner = principalOf(ACCOUNT);
const ownerUser = principalOf(ACCOUNT, 'alice');
const stranger = principalOf(OTHER_ACCOUNT);

async function assertS3Error(promise: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  const run = typeof promise === 'function' ? async () => promise() : () => promise;
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof S3Error, `expected S3Error ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

function cleanupQueueSize(fixture: S3Fixture): number {
  return (fixture.database.prepare('SELECT COUNT(*) AS n FROM s3_blob_cleanup').get() as { n: number }).n;
}

describe('S3Service buckets', () => {
  let fixture: S3Fixture;
  beforeEach(async () => {
    fixture = await createS3Fixture();
  });
  afterEach(() => fixture.cleanup());

  it('creates, lists, heads and deletes a bucket', () => {
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });

    assert.equal(fixture.service.headBucket(ownerUser, 'example-bucket').accountId, ACCOUNT);
    assert.deepEqual(fixture.service.listBuckets(owner).buckets.map((bucket) => bucket.name), ['example-bucket']);
    assert.deepEqual(fixture.service.listBuckets(stranger).buckets, []);

    fixture.service.deleteBucket(owner, 'example-bucket');
    assert.deepEqual(fixture.service.listBuckets(owner).buckets, []);
  });

  it('rejects an invalid name', async () => {
    await assertS3Error(() => fixture.service.createBucket(owner, { bucket: 'Bad_Name' }), 'InvalidBucketName');
  });

  it('reports re-creation by owner and by others', async () => {
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });

    await assertS3Error(() => fixture.service.createBucket(ownerUser, { bucket: 'example-bucket' }), 'BucketAlreadyOwnedByYou');
    await assertS3Error(() => fixture.service.createBucket(stranger, { bucket: 'example-bucket' }), 'BucketAlreadyExists');
  });

  it('rejects a foreign location constraint', async () => {
    await assertS3Error(() => fixture.service.createBucket(owner, { bucket: 'example-bucket', locationConstraint: 'eu-west-1' }), 'IllegalLocationConstraintException');
  });

  it('denies other accounts and reports missing buckets', async () => {
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });

    await assertS3Error(() => fixture.service.headBucket(stranger, 'example-bucket'), 'AccessDenied');
    await assertS3Error(fixture.service.putObject(stranger, putRequest('example-bucket', 'k', 'x')), 'AccessDenied');
    await assertS3Error(() => fixture.service.headBucket(owner, 'missing-bucket'), 'NoSuchBucket');
    await assertS3Error(() => fixture.service.deleteBucket(owner, 'missing-bucket'), 'NoSuchBucket');
  });

  it('refuses to delete a bucket with objects', async () => {
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x'));

    await assertS3Error(() => fixture.service.deleteBucket(owner, 'example-bucket'), 'BucketNotEmpty');
  });
});

describe('S3Service objects', () => {
  let fixture: S3Fixture;
  beforeEach(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });
  });
  afterEach(() => fixture.cleanup());

  it('round-trips data and metadata with SSE-S3 by default', async () => {
    const data = randomBytes(200_000);

    const result = await fixture.service.putObject(
      ownerUser,
      putRequest('example-bucket', 'dir/file.bin', data, {
        headers: { contentType: 'application/x-test', contentEncoding: 'gzip,aws-chunked', cacheControl: 'no-cache' },
        userMetadata: { color: 'blue' },
      }),
    );
    const { object, body } = await fixture.service.getObject(owner, 'example-bucket', 'dir/file.bin');

    assert.equal(result.etag, `"${createHash('md5').update(data).digest('hex')}"`);
    assert.equal(result.serverSideEncryption, 'AES256');
    assert.deepEqual(await readAll(body), data);
    assert.equal(object.size, data.length);
    assert.equal(object.etag, result.etag);
    assert.equal(object.serverSideEncryption, 'AES256');
    assert.equal(object.metadata.headers.contentType, 'application/x-test');
    assert.equal(object.metadata.headers.contentEncoding, 'gzip');
    assert.equal(object.metadata.headers.cacheControl, 'no-cache');
    assert.deepEqual(object.metadata.userMetadata, { color: 'blue' });
  });

  it('stores ciphertext only', async () => {
    const marker = 'PLAINTEXT-MARKER-7f3a';

    await fixture.service.putObject(owner, putRequest('example-bucket', 'secret.txt', marker.repeat(100)));

    const files = await fixture.readBlobFiles();
    assert.equal(files.length, 1);
    assert.equal(files[0]!.includes(Buffer.from(marker)), false);
  });

  it('stores an empty object', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'empty', ''));

    const { object, body } = await fixture.service.getObject(owner, 'example-bucket', 'empty');
    assert.equal(object.size, 0);
    assert.equal(object.etag, '"d41d8cd98f00b204e9800998ecf8427e"');
    assert.equal((await readAll(body)).length, 0);
  });

  it('replaces an object and deletes the old blob', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'first'));
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'second'));

    const { body } = await fixture.service.getObject(owner, 'example-bucket', 'k');
    assert.equal((await readAll(body)).toString(), 'second');
    assert.equal((await fixture.readBlobFiles()).length, 1);
    assert.equal(cleanupQueueSize(fixture), 0);
  });

  it('deletes idempotently', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'data'));

    await fixture.service.deleteObject(owner, 'example-bucket', 'k');
    await fixture.service.deleteObject(owner, 'example-bucket', 'k');

    await assertS3Error(fixture.service.getObject(owner, 'example-bucket', 'k'), 'NoSuchKey');
    await assertS3Error(fixture.service.headObject(owner, 'example-bucket', 'k'), 'NoSuchKey');
    assert.equal((await fixture.readBlobFiles()).length, 0);
  });

  it('keeps the old object when the upload fails', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'original'));
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        throw new Error('chunk signature mismatch');
      })(),
    );

    await assert.rejects(fixture.service.putObject(owner, putRequest('example-bucket', 'k', '', { body: failing, contentLength: 100 })), /chunk signature mismatch/);

    const { body } = await fixture.service.getObject(owner, 'example-bucket', 'k');
    assert.equal((await readAll(body)).toString(), 'original');
    assert.equal((await fixture.readBlobFiles()).length, 1);
    assert.equal(cleanupQueueSize(fixture), 0);
  });

  it('rejects a body shorter than declared', async () => {
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'abc', { contentLength: 4 })), 'IncompleteBody');
    assert.equal((await fixture.readBlobFiles()).length, 0);
  });

  it('checks Content-MD5', async () => {
    const goodMd5 = createHash('md5').update('data').digest('base64');

    await fixture.service.putObject(owner, putRequest('example-bucket', 'good', 'data', { contentMd5: goodMd5 }));
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'bad', 'other', { contentMd5: goodMd5 })), 'BadDigest');
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'bad', 'data', { contentMd5: 'not-md5' })), 'InvalidDigest');
  });

  it('verifies and stores a header checksum', async () => {
    const result = await fixture.service.putObject(owner, putRequest('example-bucket', 'summed', 'Hello world', { checksum: { algorithm: 'crc32', value: 'i9aeUg==' } }));
    const head = await fixture.service.headObject(owner, 'example-bucket', 'summed');

    assert.deepEqual(result.checksum, { algorithm: 'crc32', value: 'i9aeUg==' });
    assert.deepEqual(head.metadata.checksum, { algorithm: 'crc32', value: 'i9aeUg==' });
    await assertS3Error(
      fixture.service.putObject(owner, putRequest('example-bucket', 'mismatch', 'Hello world', { checksum: { algorithm: 'crc32', value: 'AAAAAA==' } })),
      'BadDigest',
    );
    await assertS3Error(fixture.service.headObject(owner, 'example-bucket', 'mismatch'), 'NoSuchKey');
  });

  it('computes a trailer checksum', async () => {
    const result = await fixture.service.putObject(owner, putRequest('example-bucket', 'trailer', 'Hello world', { checksumAlgorithm: 'sha256' }));

    assert.deepEqual(result.checksum, { algorithm: 'sha256', value: 'ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=' });
  });

  it('enforces size limits on key, metadata and length', async () => {
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k'.repeat(1025), 'x')), 'KeyTooLongError');
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x', { userMetadata: { big: 'v'.repeat(2046) } })), 'MetadataTooLarge');
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x', { contentLength: undefined })), 'MissingContentLength');
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x', { contentLength: 5 * 1024 ** 3 + 1 })), 'EntityTooLarge');
  });

  it('round-trips SSE-KMS with a context', async () => {
    const context = Buffer.from(JSON.stringify({ project: 'alpha' })).toString('base64');

    const result = await fixture.service.putObject(
      owner,
      putRequest('example-bucket', 'kms.txt', 'kms data', { encryption: { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/app', context } }),
    );
    const { object, body } = await fixture.service.getObject(ownerUser, 'example-bucket', 'kms.txt');

    assert.equal(result.serverSideEncryption, 'aws:kms');
    assert.equal(result.kmsKeyArn, fixture.dataKeys.keyArn);
    assert.deepEqual(result.kmsEncryptionContext, { project: 'alpha', 'aws:s3:arn': 'arn:aws:s3:::example-bucket/kms.txt' });
    assert.equal(object.kmsKeyArn, fixture.dataKeys.keyArn);
    assert.equal((await readAll(body)).toString(), 'kms data');
  });

  it('maps KMS failures and stores nothing', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'original'));
    const kms = (kmsKeyId: string) => putRequest('example-bucket', 'k', 'new', { encryption: { serverSideEncryption: 'aws:kms', kmsKeyId } });

    await assertS3Error(fixture.service.putObject(owner, kms('alias/missing')), 'KMS.NotFoundException');
    await assertS3Error(fixture.service.putObject(owner, kms('alias/disabled')), 'KMS.DisabledException');
    fixture.dataKeys.denied.add(ACCOUNT);
    await assertS3Error(fixture.service.putObject(owner, kms('alias/app')), 'AccessDenied');
    fixture.dataKeys.denied.clear();

    const { body } = await fixture.service.getObject(owner, 'example-bucket', 'k');
    assert.equal((await readAll(body)).toString(), 'original');
    assert.equal((await fixture.readBlobFiles()).length, 1);
  });

  it('denies GET but not HEAD when KMS denies', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x', { encryption: { serverSideEncryption: 'aws:kms' } }));
    fixture.dataKeys.denied.add(ACCOUNT);

    await assertS3Error(fixture.service.getObject(ownerUser, 'example-bucket', 'k'), 'AccessDenied');
    const head = await fixture.service.headObject(ownerUser, 'example-bucket', 'k');
    assert.equal(head.serverSideEncryption, 'aws:kms');
  });

  it('rejects an invalid SSE request before calling KMS', async () => {
    await assertS3Error(fixture.service.putObject(owner, putRequest('example-bucket', 'k', 'x', { encryption: { kmsKeyId: 'alias/app' } })), 'InvalidArgument');
    assert.equal(fixture.dataKeys.generateCalls, 0);
  });

  it('detects tampered data on GET', async () => {
    await fixture.service.putObject(owner, putRequest('example-bucket', 'k', randomBytes(1000)));
    const row = fixture.database.prepare('SELECT blob_id FROM s3_objects').get() as { blob_id: string };
    const { writeFile, readFile } = await import('node:fs/promises');
    const path = `${fixture.blobFolder}/${row.blob_id.slice(0, 2)}/${row.blob_id}`;
    const stored = await readFile(path);
    stored[stored.length - 20]! ^= 1;
    await writeFile(path, stored);

    const { body } = await fixture.service.getObject(owner, 'example-bucket', 'k');
    await assert.rejects(readAll(body), ObjectIntegrityError);
  });

  it('deletes orphan blobs queued before startup', async () => {
    const orphanId = 'ab'.repeat(16);
    await fixture.blobs.put(orphanId, Readable.from([Buffer.from('orphan')]));
    fixture.database.prepare('INSERT INTO s3_blob_cleanup (blob_id, queued_at) VALUES (?, ?)').run(orphanId, new Date(Date.now() - 1000).toISOString());
    await fixture.service.putObject(owner, putRequest('example-bucket', 'kept', 'kept'));

    const restarted = new S3Service({ database: fixture.database, blobs: fixture.blobs, dataKeys: fixture.dataKeys, rootKeystore: fixture.rootKeystore, region: 'us-east-1' });
    assert.equal(await restarted.deleteOrphanBlobs(), 1);

    assert.equal((await fixture.readBlobFiles()).length, 1);
    const { body } = await restarted.getObject(owner, 'example-bucket', 'kept');
    assert.equal((await readAll(body)).toString(), 'kept');
  });
});
