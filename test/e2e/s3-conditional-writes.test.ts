/**
 * Conditional writes through the AWS SDK: `If-None-Match: *` and `If-Match`
 * on PutObject and CompleteMultipartUpload.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'conditional-bucket';

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

/** Counts blob files in the server's data folder, recursively. */
async function countBlobFiles(server: RunningServer): Promise<number> {
  const entries = await readdir(join(server.dataDirectory, 'objects'), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

describe('S3 conditional writes', () => {
  let server: RunningServer;
  let s3: S3Client;

  const read = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();

  before(async () => {
    server = await startServer();
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('creates only a missing key with If-None-Match', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'create-only', Body: 'first', IfNoneMatch: '*' }));
    const blobsBefore = await countBlobFiles(server);

    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'create-only', Body: 'second', IfNoneMatch: '*' })), 'PreconditionFailed', 412);

    assert.equal(await read('create-only'), 'first');
    assert.equal(await countBlobFiles(server), blobsBefore, 'the rejected body is not stored');
  });

  it('rejects If-None-Match values other than *', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-none-match', Body: 'x' }));

    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-none-match', Body: 'y', IfNoneMatch: put.ETag })), 'NotImplemented', 501);
    assert.equal(await read('etag-none-match'), 'x');
  });

  it('replaces only a matching ETag with If-Match', async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'compare-and-swap', Body: 'one' }));
    const second = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'compare-and-swap', Body: 'two', IfMatch: first.ETag }));

    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'compare-and-swap', Body: 'stale', IfMatch: first.ETag })), 'PreconditionFailed', 412);
    assert.equal(await read('compare-and-swap'), 'two');

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'compare-and-swap', Body: 'three', IfMatch: second.ETag!.replace(/"/g, '') }));
    assert.equal(await read('compare-and-swap'), 'three');
  });

  it('answers If-Match on a missing key with NoSuchKey', async () => {
    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'never-written', Body: 'x', IfMatch: '"0123456789abcdef0123456789abcdef"' })), 'NoSuchKey', 404);
  });

  it('lets one of two racing If-None-Match writers win', async () => {
    const blobsBefore = await countBlobFiles(server);
    const bodies = [randomBytes(2 * 1024 * 1024), randomBytes(2 * 1024 * 1024)];

    const results = await Promise.allSettled(bodies.map((Body) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'raced', Body, IfNoneMatch: '*' }))));

    const succeeded = results.filter((result) => result.status === 'fulfilled');
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(succeeded.length, 1);
    assert.equal(failed.length, 1);
    assert.ok(failed[0]!.reason instanceof S3ServiceException);
    assert.equal(failed[0]!.reason.name, 'PreconditionFailed');
    const winner = bodies[results.indexOf(succeeded[0]!)]!;
    const stored = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'raced' }))).Body!.transformToByteArray());
    assert.ok(stored.equals(winner));
    assert.equal(await countBlobFiles(server), blobsBefore + 1);
  });

  it('applies conditions to CompleteMultipartUpload', async () => {
    const existing = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'multipart-target', Body: 'existing' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multipart-target' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multipart-target', UploadId, PartNumber: 1, Body: 'replacement' }));
    const complete = (conditions: { IfNoneMatch?: string; IfMatch?: string }) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: 'multipart-target',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] },
          ...conditions,
        }),
      );

    await assertS3Failure(complete({ IfNoneMatch: '*' }), 'PreconditionFailed', 412);
    await assertS3Failure(complete({ IfMatch: '"0123456789abcdef0123456789abcdef"' }), 'PreconditionFailed', 412);
    const parts = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'multipart-target', UploadId }));
    assert.equal(parts.Parts?.length, 1, 'a failed condition keeps the upload');
    assert.equal(await read('multipart-target'), 'existing');

    await complete({ IfMatch: existing.ETag! });
    assert.equal(await read('multipart-target'), 'replacement');
  });

  it('answers CompleteMultipartUpload If-Match on a missing key with NoSuchKey', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multipart-new' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multipart-new', UploadId, PartNumber: 1, Body: 'data' }));
    const parts = { Parts: [{ PartNumber: 1, ETag: part.ETag! }] };

    await assertS3Failure(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'multipart-new', UploadId, MultipartUpload: parts, IfMatch: '"0123456789abcdef0123456789abcdef"' })),
      'NoSuchKey',
      404,
    );
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'multipart-new', UploadId, MultipartUpload: parts, IfNoneMatch: '*' }));
    assert.equal(await read('multipart-new'), 'data');
  });
});
