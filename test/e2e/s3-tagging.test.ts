/**
 * Object tags, which the server does not store: GetObjectTagging returns an
 * empty tag set, and every request that would set tags gets 501.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { awsCliMissingReason, runAwsCli } from '../support/aws-cli.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'tagging';

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

describe('S3 object tagging', () => {
  let server: RunningServer;
  let s3: S3Client;

  before(async () => {
    server = await startServer();
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'plain', Body: 'hello' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('returns an empty tag set for an object', async () => {
    const tagging = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'plain' }));
    assert.equal(tagging.$metadata.httpStatusCode, 200);
    // The SDK returns an empty list only when the response carries an empty TagSet element.
    assert.deepEqual(tagging.TagSet, []);
  });

  it('reports a missing object or bucket', async () => {
    await assertS3Failure(s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'missing' })), 'NoSuchKey', 404);
    await assertS3Failure(s3.send(new GetObjectTaggingCommand({ Bucket: 'no-such-bucket', Key: 'plain' })), 'NoSuchBucket', 404);
  });

  it('rejects PutObject with tags and stores nothing', async () => {
    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tagged', Body: 'data', Tagging: 'team=blue' })), 'NotImplemented', 501);
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tagged' })), 'NotFound', 404);
  });

  it('rejects CreateMultipartUpload with tags', async () => {
    await assertS3Failure(s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'tagged-upload', Tagging: 'team=blue' })), 'NotImplemented', 501);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    assert.equal(uploads.Uploads?.length ?? 0, 0);
  });

  it('rejects CopyObject that replaces tags', async () => {
    await assertS3Failure(
      s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'tagged-copy', CopySource: `${BUCKET}/plain`, TaggingDirective: 'REPLACE', Tagging: 'team=blue' })),
      'NotImplemented',
      501,
    );
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tagged-copy' })), 'NotFound', 404);

    // Copying the source's tags, or replacing them with none, keeps the empty tag set true.
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy', CopySource: `${BUCKET}/plain`, TaggingDirective: 'COPY' }));
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'replaced', CopySource: `${BUCKET}/plain`, TaggingDirective: 'REPLACE' }));
    for (const key of ['copy', 'replaced']) {
      const tagging = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
      assert.deepEqual(tagging.TagSet, [], key);
    }
  });

  it('keeps PutObjectTagging and DeleteObjectTagging unimplemented', async () => {
    await assertS3Failure(s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: 'plain', Tagging: { TagSet: [{ Key: 'team', Value: 'blue' }] } })), 'NotImplemented', 501);
    await assertS3Failure(s3.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: 'plain' })), 'NotImplemented', 501);
  });
});

describe('aws s3 cp with --copy-props default', { skip: awsCliMissingReason() }, () => {
  let server: RunningServer;
  let workDirectory: string;
  const aws = (args: string[]) => runAwsCli(server.endpoint, server.region, server.rootCredentials, args, workDirectory);

  before(async () => {
    server = await startServer();
    workDirectory = await mkdtemp(join(tmpdir(), 'strongroom-tagging-cli-'));
  });
  after(async () => {
    await server?.stop();
    if (workDirectory !== undefined) {
      await rm(workDirectory, { recursive: true, force: true });
    }
  });

  it('copies a multipart-sized object after reading its empty tag set', async () => {
    await writeFile(join(workDirectory, 'big.bin'), randomBytes(9 * 1024 * 1024));
    for (const args of [['s3', 'mb', 's3://cli-tags'], ['s3', 'cp', 'big.bin', 's3://cli-tags/big']]) {
      const result = await aws(args);
      assert.equal(result.exitCode, 0, result.stderr);
    }

    const copied = await aws(['s3', 'cp', 's3://cli-tags/big', 's3://cli-tags/copy', '--copy-props', 'default']);
    assert.equal(copied.exitCode, 0, copied.stderr);

    const tagging = await aws(['s3api', 'get-object-tagging', '--bucket', 'cli-tags', '--key', 'copy']);
    assert.equal(tagging.exitCode, 0, tagging.stderr);
    assert.deepEqual((JSON.parse(tagging.stdout) as { TagSet?: unknown[] }).TagSet ?? [], []);
  });
});
