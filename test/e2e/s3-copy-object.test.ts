/**
 * CopyObject through the AWS SDK and the aws CLI against a real server: copies
 * within and across buckets, metadata directives, re-encryption between SSE-S3
 * and SSE-KMS, a multipart source, and the errors S3 reports.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { awsCliMissingReason, runAwsCli } from '../support/aws-cli.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const SOURCE_BUCKET = 'copy-source';
const TARGET_BUCKET = 'copy-target';
const MIB = 1024 * 1024;

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

function quotedMd5(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

describe('S3 CopyObject', () => {
  let server: RunningServer;
  let s3: S3Client;
  let kms: KMSClient;
  let keyArn: string;

  const read = async (bucket: string, key: string): Promise<Buffer> => {
    const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await get.Body!.transformToByteArray());
  };

  before(async () => {
    server = await startServer();
    const credentials = server.rootCredentials;
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials, forcePathStyle: true, maxAttempts: 1 });
    kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: SOURCE_BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: TARGET_BUCKET }));
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'copies' }))).KeyMetadata!.Arn!;
  });
  after(async () => {
    s3?.destroy();
    kms?.destroy();
    await server?.stop();
  });

  it('copies within and across buckets', async () => {
    const data = randomBytes(200_000);
    await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'photos/cat 1+2.jpg', Body: data }));

    for (const [bucket, key] of [[SOURCE_BUCKET, 'photos/copy.jpg'], [TARGET_BUCKET, 'photos/cat 1+2.jpg']] as const) {
      const copied = await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: `${SOURCE_BUCKET}/${encodeURIComponent('photos/cat 1+2.jpg')}` }));

      assert.equal(copied.CopyObjectResult?.ETag, quotedMd5(data));
      assert.ok(copied.CopyObjectResult?.LastModified instanceof Date);
      assert.equal(copied.ServerSideEncryption, 'AES256');
      assert.ok((await read(bucket, key)).equals(data), `${bucket}/${key}`);
    }
  });

  it('keeps metadata with COPY and replaces it with REPLACE', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'report.csv', Body: 'a,b', ContentType: 'text/csv', CacheControl: 'no-cache', Metadata: { team: 'ops' } }),
    );

    await s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'kept.csv', CopySource: `${SOURCE_BUCKET}/report.csv`, ContentType: 'text/plain' }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: TARGET_BUCKET,
        Key: 'replaced.csv',
        CopySource: `/${SOURCE_BUCKET}/report.csv`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/plain',
        Metadata: { owner: 'finance' },
      }),
    );
    const kept = await s3.send(new HeadObjectCommand({ Bucket: TARGET_BUCKET, Key: 'kept.csv' }));
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: TARGET_BUCKET, Key: 'replaced.csv' }));

    assert.equal(kept.ContentType, 'text/csv');
    assert.equal(kept.CacheControl, 'no-cache');
    assert.deepEqual(kept.Metadata, { team: 'ops' });
    assert.equal(replaced.ContentType, 'text/plain');
    assert.equal(replaced.CacheControl, undefined);
    assert.deepEqual(replaced.Metadata, { owner: 'finance' });
  });

  it('re-encrypts from SSE-S3 to SSE-KMS and back', async () => {
    const data = randomBytes(90_000);
    await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'plain-default', Body: data }));

    const toKms = await s3.send(
      new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'under-kms', CopySource: `${SOURCE_BUCKET}/plain-default`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }),
    );
    const toS3 = await s3.send(new CopyObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'back-to-s3', CopySource: `${TARGET_BUCKET}/under-kms` }));
    const kmsHead = await s3.send(new HeadObjectCommand({ Bucket: TARGET_BUCKET, Key: 'under-kms' }));
    const s3Head = await s3.send(new HeadObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'back-to-s3' }));

    assert.equal(toKms.ServerSideEncryption, 'aws:kms');
    assert.equal(toKms.SSEKMSKeyId, keyArn);
    assert.equal(kmsHead.SSEKMSKeyId, keyArn);
    assert.equal(toS3.ServerSideEncryption, 'AES256');
    assert.equal(toS3.SSEKMSKeyId, undefined);
    assert.equal(s3Head.ServerSideEncryption, 'AES256');
    assert.ok((await read(TARGET_BUCKET, 'under-kms')).equals(data));
    assert.ok((await read(SOURCE_BUCKET, 'back-to-s3')).equals(data));
  });

  it('copies a multipart object into a single-part one', async () => {
    const parts = [randomBytes(5 * MIB), randomBytes(4321)];
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: SOURCE_BUCKET, Key: 'multipart.bin' }));
    const etags = [];
    for (const [index, body] of parts.entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket: SOURCE_BUCKET, Key: 'multipart.bin', UploadId: created.UploadId, PartNumber: index + 1, Body: body }));
      etags.push({ PartNumber: index + 1, ETag: part.ETag! });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: SOURCE_BUCKET, Key: 'multipart.bin', UploadId: created.UploadId, MultipartUpload: { Parts: etags } }));

    const copied = await s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'multipart-copy.bin', CopySource: `${SOURCE_BUCKET}/multipart.bin` }));

    const whole = Buffer.concat(parts);
    assert.equal(copied.CopyObjectResult?.ETag, quotedMd5(whole));
    assert.ok((await read(TARGET_BUCKET, 'multipart-copy.bin')).equals(whole));
  });

  it('rejects a copy onto itself without changes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'self', Body: 'same', Metadata: { version: '1' } }));

    await assertS3Failure(s3.send(new CopyObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'self', CopySource: `${SOURCE_BUCKET}/self` })), 'InvalidRequest', 400);
    await s3.send(
      new CopyObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'self', CopySource: `${SOURCE_BUCKET}/self`, MetadataDirective: 'REPLACE', Metadata: { version: '2' } }),
    );

    const head = await s3.send(new HeadObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'self' }));
    assert.deepEqual(head.Metadata, { version: '2' });
    assert.equal((await read(SOURCE_BUCKET, 'self')).toString(), 'same');
  });

  it('fails copy-source-if-match with 412', async () => {
    await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'conditional', Body: 'x' }));

    await assertS3Failure(
      s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'conditional', CopySource: `${SOURCE_BUCKET}/conditional`, CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"' })),
      'PreconditionFailed',
      412,
    );
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: TARGET_BUCKET, Key: 'conditional' })), 'NotFound', 404);
  });

  it('reports a missing source key or bucket', async () => {
    await assertS3Failure(s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'k', CopySource: `${SOURCE_BUCKET}/absent` })), 'NoSuchKey', 404);
    await assertS3Failure(s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'k', CopySource: 'absent-bucket/absent' })), 'NoSuchBucket', 404);
    await assertS3Failure(s3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'k', CopySource: SOURCE_BUCKET })), 'InvalidArgument', 400);
  });

  it('denies a user the source key policy does not name', async () => {
    await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: 'root-only', Body: 'secret', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await s3.send(new PutObjectCommand({ Bucket: TARGET_BUCKET, Key: 'existing', Body: 'original' }));
    const user = await server.createUser('not-in-policy');
    const userS3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: user, forcePathStyle: true, maxAttempts: 1 });
    try {
      await assertS3Failure(userS3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'stolen', CopySource: `${SOURCE_BUCKET}/root-only` })), 'AccessDenied', 403);
      await assertS3Failure(userS3.send(new CopyObjectCommand({ Bucket: TARGET_BUCKET, Key: 'existing', CopySource: `${SOURCE_BUCKET}/root-only` })), 'AccessDenied', 403);
    } finally {
      userS3.destroy();
    }

    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: TARGET_BUCKET, Key: 'stolen' })), 'NotFound', 404);
    assert.equal((await read(TARGET_BUCKET, 'existing')).toString(), 'original');
  });
});

describe('aws s3 cp and mv between S3 keys', { skip: awsCliMissingReason() }, () => {
  let server: RunningServer;
  let workDirectory: string;
  const aws = (args: string[]) => runAwsCli(server.endpoint, server.region, server.rootCredentials, args, workDirectory);

  before(async () => {
    server = await startServer();
    workDirectory = await mkdtemp(join(tmpdir(), 'strongroom-copy-cli-'));
  });
  after(async () => {
    await server?.stop();
    if (workDirectory !== undefined) {
      await rm(workDirectory, { recursive: true, force: true });
    }
  });

  it('copies and moves an object', async () => {
    const data = randomBytes(300_000);
    await writeFile(join(workDirectory, 'a.bin'), data);
    for (const args of [['s3', 'mb', 's3://cli-copy'], ['s3', 'cp', 'a.bin', 's3://cli-copy/a']]) {
      const result = await aws(args);
      assert.equal(result.exitCode, 0, result.stderr);
    }

    const copied = await aws(['s3', 'cp', 's3://cli-copy/a', 's3://cli-copy/b']);
    assert.equal(copied.exitCode, 0, copied.stderr);
    const moved = await aws(['s3', 'mv', 's3://cli-copy/b', 's3://cli-copy/c']);
    assert.equal(moved.exitCode, 0, moved.stderr);

    for (const key of ['a', 'c']) {
      const down = await aws(['s3', 'cp', `s3://cli-copy/${key}`, `down-${key}.bin`]);
      assert.equal(down.exitCode, 0, down.stderr);
      assert.ok((await readFile(join(workDirectory, `down-${key}.bin`))).equals(data), key);
    }
    const gone = await aws(['s3api', 'head-object', '--bucket', 'cli-copy', '--key', 'b']);
    assert.notEqual(gone.exitCode, 0, 'mv removes the source');
  });
});
