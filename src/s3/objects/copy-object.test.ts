import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { ACCOUNT, createS3Fixture, OTHER_ACCOUNT, principalOf, putRequest, readAll, type S3Fixture } from '../s3-test-fixture.js';
import type { CopyObjectRequest } from './copy-object.js';
import { findObject, upsertObject } from './object-records.js';

const owner = principalOf(ACCOUNT);
const stranger = principalOf(OTHER_ACCOUNT);

async function assertS3Error(promise: Promise<unknown>, code: string, message?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3Error, `expected S3Error ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message !== undefined) {
      assert.equal(error.message, message);
    }
    return true;
  });
}

function copyRequest(sourceKey: string, key: string, extra: Partial<CopyObjectRequest> = {}): CopyObjectRequest {
  return {
    sourceBucket: 'source-bucket',
    sourceKey,
    bucket: 'source-bucket',
    key,
    metadataDirective: 'COPY',
    headers: {},
    userMetadata: {},
    encryption: {},
    conditions: {},
    setsStorageClassOrRedirect: false,
    ...extra,
  };
}

describe('copyObject', () => {
  let fixture: S3Fixture;
  const data = randomBytes(100_000);

  beforeEach(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: 'source-bucket' });
    fixture.service.createBucket(owner, { bucket: 'target-bucket' });
    await fixture.service.putObject(
      owner,
      putRequest('source-bucket', 'original', data, {
        headers: { contentType: 'image/jpeg', cacheControl: 'max-age=60' },
        userMetadata: { camera: 'x100' },
        checksumAlgorithm: 'crc32',
      }),
    );
  });
  afterEach(() => fixture.cleanup());

  it('copies data and metadata across buckets', async () => {
    const result = await fixture.service.copyObject(owner, copyRequest('original', 'copy', { bucket: 'target-bucket' }));
    const copied = await fixture.service.getObject(owner, 'target-bucket', 'copy');

    assert.ok((await readAll(copied.body)).equals(data));
    assert.equal(result.etag, `"${createHash('md5').update(data).digest('hex')}"`);
    assert.equal(result.serverSideEncryption, 'AES256');
    assert.equal(result.checksum?.algorithm, 'crc32');
    assert.deepEqual(copied.object.metadata.headers, { contentType: 'image/jpeg', cacheControl: 'max-age=60' });
    assert.deepEqual(copied.object.metadata.userMetadata, { camera: 'x100' });
    assert.deepEqual(copied.object.lastModified, result.lastModified);
  });

  it('gives the copy a new version id and blob', async () => {
    await fixture.service.copyObject(owner, copyRequest('original', 'copy'));

    const source = findObject(fixture.database, 'source-bucket', 'original')!;
    const copy = findObject(fixture.database, 'source-bucket', 'copy')!;
    assert.notEqual(copy.versionId, source.versionId);
    assert.notEqual(copy.blobId, source.blobId);
  });

  it('takes metadata from the request with REPLACE', async () => {
    await fixture.service.copyObject(
      owner,
      copyRequest('original', 'copy', { metadataDirective: 'REPLACE', headers: { contentType: 'text/plain' }, userMetadata: { owner: 'ops' } }),
    );
    const head = await fixture.service.headObject(owner, 'source-bucket', 'copy');

    assert.deepEqual(head.metadata.headers, { contentType: 'text/plain' });
    assert.deepEqual(head.metadata.userMetadata, { owner: 'ops' });
  });

  it('ignores request metadata with COPY', async () => {
    await fixture.service.copyObject(owner, copyRequest('original', 'copy', { headers: { contentType: 'text/plain' }, userMetadata: { owner: 'ops' } }));
    const head = await fixture.service.headObject(owner, 'source-bucket', 'copy');

    assert.equal(head.metadata.headers.contentType, 'image/jpeg');
    assert.deepEqual(head.metadata.userMetadata, { camera: 'x100' });
  });

  it('rejects a copy onto itself without changes', async () => {
    const before = findObject(fixture.database, 'source-bucket', 'original')!;

    await assertS3Error(
      fixture.service.copyObject(owner, copyRequest('original', 'original')),
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
    assert.equal(findObject(fixture.database, 'source-bucket', 'original')!.versionId, before.versionId);
  });

  it('copies onto itself with REPLACE or new encryption', async () => {
    for (const change of [{ metadataDirective: 'REPLACE' as const }, { encryption: { serverSideEncryption: 'aws:kms' } }, { setsStorageClassOrRedirect: true }]) {
      await fixture.service.copyObject(owner, copyRequest('original', 'original', change));
      const read = await fixture.service.getObject(owner, 'source-bucket', 'original');

      assert.ok((await readAll(read.body)).equals(data), JSON.stringify(change));
    }
    assert.equal((await fixture.service.headObject(owner, 'source-bucket', 'original')).serverSideEncryption, 'AES256');
  });

  it('re-encrypts under SSE-KMS and back', async () => {
    const toKms = await fixture.service.copyObject(owner, copyRequest('original', 'kms', { encryption: { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/app' } }));
    const toS3 = await fixture.service.copyObject(owner, copyRequest('kms', 'sse-s3'));

    assert.equal(toKms.serverSideEncryption, 'aws:kms');
    assert.equal(toKms.kmsKeyArn, fixture.dataKeys.keyArn);
    assert.equal(toS3.serverSideEncryption, 'AES256');
    assert.equal(toS3.kmsKeyArn, undefined);
    assert.ok((await readAll((await fixture.service.getObject(owner, 'source-bucket', 'sse-s3')).body)).equals(data));
  });

  it('stores nothing when KMS denies the destination key', async () => {
    await fixture.service.copyObject(owner, copyRequest('original', 'existing'));
    const existing = findObject(fixture.database, 'source-bucket', 'existing')!;

    await assertS3Error(
      fixture.service.copyObject(owner, copyRequest('original', 'existing', { encryption: { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/missing' } })),
      'KMS.NotFoundException',
    );
    await assertS3Error(
      fixture.service.copyObject(owner, copyRequest('original', 'never', { encryption: { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/disabled' } })),
      'KMS.DisabledException',
    );
    assert.equal(findObject(fixture.database, 'source-bucket', 'existing')!.versionId, existing.versionId);
    assert.equal(findObject(fixture.database, 'source-bucket', 'never'), undefined);
    assert.equal((await fixture.readBlobFiles()).length, 2);
  });

  it('reports a missing source, bucket or version', async () => {
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('absent', 'copy')), 'NoSuchKey');
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('original', 'copy', { sourceBucket: 'absent-bucket' })), 'NoSuchBucket');
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('original', 'copy', { bucket: 'absent-bucket' })), 'NoSuchBucket');
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('original', 'copy', { sourceVersionId: 'abc' })), 'NoSuchVersion');
    assert.equal(findObject(fixture.database, 'source-bucket', 'copy'), undefined);
  });

  it('copies the null version', async () => {
    await fixture.service.copyObject(owner, copyRequest('original', 'copy', { sourceVersionId: 'null' }));

    assert.notEqual(findObject(fixture.database, 'source-bucket', 'copy'), undefined);
  });

  it('denies another account either bucket', async () => {
    fixture.service.createBucket(stranger, { bucket: 'stranger-bucket' });

    await assertS3Error(fixture.service.copyObject(stranger, copyRequest('original', 'copy', { bucket: 'stranger-bucket' })), 'AccessDenied');
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('original', 'copy', { bucket: 'stranger-bucket' })), 'AccessDenied');
  });

  it('checks copy-source conditions', async () => {
    await assertS3Error(fixture.service.copyObject(owner, copyRequest('original', 'copy', { conditions: { ifMatch: '"other"' } })), 'PreconditionFailed');
    assert.equal(findObject(fixture.database, 'source-bucket', 'copy'), undefined);

    const etag = findObject(fixture.database, 'source-bucket', 'original')!.etag;
    await fixture.service.copyObject(owner, copyRequest('original', 'copy', { conditions: { ifMatch: etag } }));
    assert.notEqual(findObject(fixture.database, 'source-bucket', 'copy'), undefined);
  });

  it('rejects a source over 5 GiB', async () => {
    const source = findObject(fixture.database, 'source-bucket', 'original')!;
    upsertObject(fixture.database, { ...source, key: 'huge', size: 5 * 1024 ** 3 + 1 });

    await assertS3Error(
      fixture.service.copyObject(owner, copyRequest('huge', 'copy')),
      'InvalidRequest',
      'The specified copy source is larger than the maximum allowable size for a copy source: 5368709120',
    );
  });
});
