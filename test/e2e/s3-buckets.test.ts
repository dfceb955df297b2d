/**
 * Bucket operations through the AWS SDK against a real server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { startServer, type RunningServer, type TestCredentials } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

function s3ClientFor(server: RunningServer, credentials: TestCredentials): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

describe('S3 buckets', () => {
  let server: RunningServer;
  let s3: S3Client;

  before(async () => {
    server = await startServer();
    s3 = s3ClientFor(server, server.rootCredentials);
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('creates, heads, lists and deletes a bucket', async () => {
    const created = await s3.send(new CreateBucketCommand({ Bucket: 'example-bucket' }));
    assert.equal(created.Location, '/example-bucket');

    const head = await s3.send(new HeadBucketCommand({ Bucket: 'example-bucket' }));
    assert.equal(head.BucketRegion, server.region);

    const listed = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(listed.Buckets?.map((bucket) => bucket.Name), ['example-bucket']);
    assert.ok(listed.Buckets?.[0]?.CreationDate instanceof Date);
    assert.match(listed.Owner?.ID ?? '', /^[0-9a-f]{64}$/);

    await s3.send(new DeleteBucketCommand({ Bucket: 'example-bucket' }));
    await assertS3Failure(s3.send(new HeadBucketCommand({ Bucket: 'example-bucket' })), 'NotFound', 404);
  });

  it('rejects invalid bucket names', async () => {
    for (const name of ['ab', 'Upper-Case', 'bad..dots', '192.168.1.1', 'xn--name', 'name-s3alias']) {
      await assertS3Failure(s3.send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 400);
    }
  });

  it('reports a bucket the account already owns', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'owned-twice' }));

    await assertS3Failure(s3.send(new CreateBucketCommand({ Bucket: 'owned-twice' })), 'BucketAlreadyOwnedByYou', 409);
  });

  it('lets users of the owning account use the bucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-in-account' }));
    const user = await server.createUser('bucket-user');
    const userClient = s3ClientFor(server, user);
    try {
      await userClient.send(new HeadBucketCommand({ Bucket: 'shared-in-account' }));
      await assertS3Failure(userClient.send(new CreateBucketCommand({ Bucket: 'shared-in-account' })), 'BucketAlreadyOwnedByYou', 409);
    } finally {
      userClient.destroy();
    }
  });

  it('reports missing buckets', async () => {
    await assertS3Failure(s3.send(new DeleteBucketCommand({ Bucket: 'no-such-bucket-here' })), 'NoSuchBucket', 404);
    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k', Body: 'x' })), 'NoSuchBucket', 404);
  });

  it('refuses to delete a non-empty bucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'not-empty' }));
    await s3.send(new PutObjectCommand({ Bucket: 'not-empty', Key: 'k', Body: 'x' }));

    await assertS3Failure(s3.send(new DeleteBucketCommand({ Bucket: 'not-empty' })), 'BucketNotEmpty', 409);
  });

  it('reports the bucket location', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'located' }));

    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'located' }));

    // S3 reports us-east-1 as an empty constraint.
    assert.equal(location.LocationConstraint ?? '', server.region === 'us-east-1' ? '' : server.region);
  });

  it('rejects a foreign location constraint', async () => {
    await assertS3Failure(
      s3.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'IllegalLocationConstraintException',
      400,
    );
  });

  it('answers unimplemented sub-resources with 501', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));

    await assertS3Failure(s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' })), 'NotImplemented', 501);
  });
});
