/**
 * Object operations through the AWS SDK against a real server.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'example-bucket';

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFiles(path)));
    } else {
      files.push(path);
    }
  }
  return files;
}

describe('S3 objects', () => {
  let server: RunningServer;
  let s3: S3Client;

  before(async () => {
    server = await startServer();
    s3 = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      credentials: server.rootCredentials,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('round-trips data and metadata', async () => {
    const body = Buffer.from('hello, strongroom');
    const expires = new Date('2030-01-01T00:00:00Z');

    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'docs/hello.txt',
        Body: body,
        ContentType: 'text/plain; charset=utf-8',
        ContentDisposition: 'attachment; filename="hello.txt"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        Expires: expires,
        Metadata: { Color: 'blue', 'project-id': '42' },
      }),
    );
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt' }));
    const text = await get.Body!.transformToString();

    const md5 = createHash('md5').update(body).digest('hex');
    assert.equal(put.ETag, `"${md5}"`);
    assert.equal(put.ServerSideEncryption, 'AES256');
    assert.equal(text, body.toString());
    assert.equal(get.ETag, `"${md5}"`);
    assert.equal(get.ContentLength, body.length);
    assert.equal(get.ContentType, 'text/plain; charset=utf-8');
    assert.equal(get.ContentDisposition, 'attachment; filename="hello.txt"');
    assert.equal(get.ContentLanguage, 'en');
    assert.equal(get.CacheControl, 'max-age=60');
    assert.equal(get.Expires?.getTime(), expires.getTime());
    assert.deepEqual(get.Metadata, { color: 'blue', 'project-id': '42' });
    assert.equal(get.ServerSideEncryption, 'AES256');
    assert.ok(get.LastModified instanceof Date);
  });

  it('encrypts with SSE-S3 by default', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'untyped', Body: Buffer.from([1, 2, 3]) }));

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'untyped' }));

    assert.equal(head.ContentLength, 3);
    assert.equal(head.ServerSideEncryption, 'AES256');
  });

  it('honours SSE-S3 when asked explicitly', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sse-s3', Body: 'x', ServerSideEncryption: 'AES256' }));

    assert.equal(put.ServerSideEncryption, 'AES256');
  });

  it('round-trips a multi-megabyte object byte for byte', async () => {
    const marker = Buffer.from('STRONGROOM-E2E-MARKER-' + randomBytes(8).toString('hex'));
    const data = Buffer.concat([marker, randomBytes(6 * 1024 * 1024 + 123), marker]);

    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'large.bin', Body: data }));
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'large.bin' }));
    const downloaded = Buffer.from(await get.Body!.transformToByteArray());

    assert.equal(put.ETag, `"${createHash('md5').update(data).digest('hex')}"`);
    assert.equal(downloaded.length, data.length);
    assert.ok(downloaded.equals(data), 'downloaded bytes differ from the upload');

    // No file in the data folder contains the plaintext.
    for (const file of await listFiles(server.dataDirectory)) {
      const content = await readFile(file);
      assert.equal(content.indexOf(marker), -1, `plaintext marker found in ${file}`);
    }
  });

  it('serves byte ranges', async () => {
    const data = randomBytes(200 * 1024 + 17);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'ranged.bin', Body: data }));

    const cases: Array<[string, number, number]> = [
      ['bytes=0-0', 0, 0],
      ['bytes=65530-65545', 65530, 65545],
      ['bytes=100000-', 100000, data.length - 1],
      ['bytes=-17', data.length - 17, data.length - 1],
      ['bytes=150000-999999999', 150000, data.length - 1],
    ];
    for (const [header, start, end] of cases) {
      const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ranged.bin', Range: header }));
      const body = Buffer.from(await get.Body!.transformToByteArray());

      assert.equal(get.$metadata.httpStatusCode, 206, header);
      assert.equal(get.ContentRange, `bytes ${start}-${end}/${data.length}`, header);
      assert.equal(get.ContentLength, end - start + 1, header);
      assert.ok(body.equals(data.subarray(start, end + 1)), `body of ${header}`);
    }

    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ranged.bin', Range: `bytes=${data.length}-` })), (error: unknown) => {
      assert.equal((error as { name?: string }).name, 'InvalidRange');
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 416);
      return true;
    });

    const ignored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ranged.bin', Range: 'bytes=5-1' }));
    assert.equal(ignored.$metadata.httpStatusCode, 200);
    assert.ok(Buffer.from(await ignored.Body!.transformToByteArray()).equals(data));
  });

  it('stores an empty object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'empty', Body: '' }));

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'empty' }));

    assert.equal(get.ContentLength, 0);
    assert.equal(get.ETag, '"d41d8cd98f00b204e9800998ecf8427e"');
    assert.equal((await get.Body!.transformToByteArray()).length, 0);
  });

  it('replaces an object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'replaced', Body: 'first', Metadata: { version: '1' } }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'replaced', Body: 'second' }));

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'replaced' }));

    assert.equal(await get.Body!.transformToString(), 'second');
    assert.deepEqual(get.Metadata, {});
  });

  it('deletes idempotently', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'doomed', Body: 'x' }));

    const first = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }));
    const second = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed' }));

    assert.equal(first.$metadata.httpStatusCode, 204);
    assert.equal(second.$metadata.httpStatusCode, 204);
    await assertS3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'doomed' })), 'NoSuchKey', 404);
  });

  it('deletes objects in a batch', async () => {
    for (const key of ['batch/a', 'batch/b', 'batch/ c ']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }

    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: 'batch/a' }, { Key: 'batch/ c ' }, { Key: 'batch/never-stored' }, { Key: 'batch/b', VersionId: 'v1' }] },
      }),
    );

    assert.deepEqual(result.Deleted?.map((entry) => entry.Key), ['batch/a', 'batch/ c ', 'batch/never-stored']);
    assert.deepEqual(result.Errors?.map((entry) => [entry.Key, entry.Code]), [['batch/b', 'NoSuchVersion']]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'batch/' }));
    assert.deepEqual(listed.Contents?.map((entry) => entry.Key), ['batch/b']);

    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Quiet: true, Objects: [{ Key: 'batch/b' }] } }));
    assert.equal(quiet.Deleted, undefined);
    assert.equal(quiet.Errors, undefined);
    const empty = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'batch/' }));
    assert.equal(empty.KeyCount, 0);
  });

  it('answers HEAD of a missing key with a bare 404', async () => {
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' })), 'NotFound', 404);
  });

  it('evaluates conditional GETs', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'conditional', Body: 'x' }));

    await assertS3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'conditional', IfMatch: '"0000"' })), 'PreconditionFailed', 412);
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'conditional', IfNoneMatch: put.ETag })), (error: unknown) => {
      assert.ok(error instanceof S3ServiceException);
      assert.equal(error.$metadata.httpStatusCode, 304);
      return true;
    });
    const matched = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'conditional', IfMatch: put.ETag }));
    assert.equal(await matched.Body!.transformToString(), 'x');
  });

  it('applies response header overrides', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'override', Body: 'x', ContentType: 'text/plain' }));

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'override', ResponseContentType: 'application/json' }));

    assert.equal(get.ContentType, 'application/json');
    await get.Body!.transformToString();
  });

  it('rejects oversized user metadata', async () => {
    await assertS3Failure(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big-metadata', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })),
      'MetadataTooLarge',
      400,
    );
  });

  it('rejects a bad Content-MD5 and stores nothing', async () => {
    const wrongMd5 = createHash('md5').update('something else').digest('base64');

    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-md5', Body: 'x', ContentMD5: wrongMd5 })), 'BadDigest', 400);
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad-md5' })), 'NotFound', 404);
  });
});
