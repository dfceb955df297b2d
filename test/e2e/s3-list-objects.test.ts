/**
 * ListObjectsV2 through the AWS SDK against a real server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'listing-bucket';
// In UTF-8 byte order: uppercase before lowercase, and 'é' (0xc3 0xa9) after 'z'.
const KEYS = ['Zebra', 'a b', 'photos/2024/a.jpg', 'photos/2024/b.jpg', 'photos/2025/c.jpg', 'photos/index.html', 'readme', 'zz', 'é'];

describe('S3 ListObjectsV2', () => {
  let server: RunningServer;
  let s3: S3Client;

  before(async () => {
    server = await startServer();
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const key of KEYS) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('lists keys in byte order with sizes and ETags', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));

    assert.deepEqual(result.Contents?.map((object) => object.Key), KEYS);
    assert.equal(result.KeyCount, KEYS.length);
    assert.equal(result.IsTruncated, false);
    assert.equal(result.Contents?.[0]?.Size, 'Zebra'.length);
    assert.match(result.Contents?.[0]?.ETag ?? '', /^"[0-9a-f]{32}"$/);
    assert.equal(result.Contents?.[0]?.StorageClass, 'STANDARD');
  });

  it('groups by delimiter under a prefix', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'photos/', Delimiter: '/' }));

    assert.deepEqual(result.Contents?.map((object) => object.Key), ['photos/index.html']);
    assert.deepEqual(result.CommonPrefixes?.map((prefix) => prefix.Prefix), ['photos/2024/', 'photos/2025/']);
    assert.equal(result.KeyCount, 3);
    assert.equal(result.Prefix, 'photos/');
    assert.equal(result.Delimiter, '/');
  });

  it('pages with continuation tokens', async () => {
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: BUCKET })) {
      pages.push(page);
    }

    assert.deepEqual(pages.flatMap((page) => page.Contents?.map((object) => object.Key) ?? []), KEYS);
    assert.equal(pages.length, Math.ceil(KEYS.length / 2));
    assert.equal(pages[0]?.IsTruncated, true);
    assert.ok(pages[0]?.NextContinuationToken);
    assert.equal(pages.at(-1)?.IsTruncated, false);
  });

  it('starts after a key', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: 'readme' }));

    assert.deepEqual(result.Contents?.map((object) => object.Key), ['zz', 'é']);
    assert.equal(result.StartAfter, 'readme');
  });

  it('includes owners when asked', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1, FetchOwner: true }));

    assert.match(result.Contents?.[0]?.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
  });

  it('URL-encodes keys when asked', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, EncodingType: 'url', Prefix: 'a' }));

    assert.equal(result.EncodingType, 'url');
    assert.deepEqual(result.Contents?.map((object) => object.Key), ['a+b']);
  });

  it('pages ListObjects version 1 by marker', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, Delimiter: '/', MaxKeys: 2 }));
    const second = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, Delimiter: '/', Marker: first.NextMarker }));

    assert.deepEqual(first.Contents?.map((object) => object.Key), ['Zebra', 'a b']);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextMarker, 'a b');
    assert.deepEqual(second.CommonPrefixes?.map((prefix) => prefix.Prefix), ['photos/']);
    assert.deepEqual(second.Contents?.map((object) => object.Key), ['readme', 'zz', 'é']);
    assert.equal(second.IsTruncated, false);
  });

  it('rejects a continuation token it did not issue', async () => {
    await assert.rejects(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'photos/2024/a.jpg' })), (error: unknown) => {
      assert.ok(error instanceof S3ServiceException);
      assert.equal(error.name, 'InvalidArgument');
      assert.equal(error.$metadata.httpStatusCode, 400);
      return true;
    });
  });
});
