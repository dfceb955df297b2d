/**
 * GetObject and HeadObject through the AWS SDK: aborted downloads release
 * their files, `response-*` overrides are validated, SSE-C headers are
 * rejected, and checksum mode on an SSE-KMS object needs kms:Decrypt.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../support/node-sha256.js';
import { startServer, type RunningServer, type TestCredentials } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'reads-bucket';
const CUSTOMER_KEY = randomBytes(32).toString('base64');

async function assertS3Failure(promise: Promise<unknown>, name: string | undefined, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected status ${status}, got ${String(error)}`);
    if (name !== undefined) {
      assert.equal(error.name, name);
    }
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

/** Percent-encodes as SigV4 does (RFC 3986 unreserved characters stay). */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Lists the server's open descriptors that point into its blob folder. */
async function openBlobDescriptors(server: RunningServer): Promise<string[]> {
  const objectsFolder = join(await realpath(server.dataDirectory), 'objects') + '/';
  const fdFolder = `/proc/${server.pid}/fd`;
  const targets: string[] = [];
  for (const fd of await readdir(fdFolder)) {
    const target = await readlink(join(fdFolder, fd)).catch(() => '');
    if (target.startsWith(objectsFolder)) {
      targets.push(target);
    }
  }
  return targets;
}

describe('S3 object reads', () => {
  let server: RunningServer;
  let s3: S3Client;

  const s3For = (credentials: TestCredentials) =>
    new S3Client({ endpoint: server.endpoint, region: server.region, credentials, forcePathStyle: true, maxAttempts: 1 });

  /** Presigns a GET of `key` with extra query parameters, so a test can read the raw response. */
  async function presignedGetUrl(key: string, query: Record<string, string>): Promise<string> {
    const signer = new SignatureV4({ credentials: server.rootCredentials, region: server.region, service: 's3', sha256: NodeSha256 });
    const path = `/${BUCKET}/${key}`;
    // Presigned S3 URLs sign UNSIGNED-PAYLOAD, which the signer takes from this header without signing the header itself.
    const headers = { host: `127.0.0.1:${server.port}`, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const signed = await signer.presign(
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: server.port, path, query, headers },
      { unsignableHeaders: new Set(['x-amz-content-sha256']) },
    );
    const queryString = Object.entries(signed.query ?? {})
      .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(String(value))}`)
      .join('&');
    return `${server.endpoint}${path}?${queryString}`;
  }

  before(async () => {
    server = await startServer();
    s3 = s3For(server.rootCredentials);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'plain', Body: 'hello', ContentDisposition: 'inline', Metadata: { owner: 'reads' } }),
    );
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('closes blob files of aborted downloads', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'large-single', Body: randomBytes(8 * 1024 * 1024) }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'large-multi' }));
    const parts = [];
    for (const [index, size] of [5 * 1024 * 1024, 3 * 1024 * 1024].entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'large-multi', UploadId, PartNumber: index + 1, Body: randomBytes(size) }));
      parts.push({ PartNumber: index + 1, ETag: part.ETag! });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'large-multi', UploadId, MultipartUpload: { Parts: parts } }));

    // Each download gets its own client, so destroying the body closes its connection.
    for (const key of ['large-single', 'large-multi']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const client = s3For(server.rootCredentials);
        const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        const body = got.Body as Readable;
        await new Promise<void>((resolve) => body.once('data', () => resolve()));
        body.destroy();
        client.destroy();
      }
    }

    let open = await openBlobDescriptors(server);
    for (let poll = 0; poll < 50 && open.length > 0; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = await openBlobDescriptors(server);
    }
    assert.deepEqual(open, []);
  });

  it('rejects response overrides that are not header values', async () => {
    for (const disposition of ['attachment; filename="\u0410.txt"', 'attachment; filename="a\r\nb.txt"']) {
      const url = await presignedGetUrl('plain', { 'response-content-disposition': disposition });
      const response = await fetch(url);
      const text = await response.text();

      assert.equal(response.status, 400, JSON.stringify(disposition));
      assert.match(text, /<Code>InvalidArgument<\/Code>/);
      assert.match(text, /<ArgumentName>response-content-disposition<\/ArgumentName>/);
      assert.equal(response.headers.get('etag'), null, 'no object header on an error');
      assert.equal(response.headers.get('x-amz-meta-owner'), null, 'no user metadata on an error');
      assert.equal(response.headers.get('content-disposition'), null);
    }
  });

  it('applies an ISO-8859-1 response override', async () => {
    const url = await presignedGetUrl('plain', { 'response-content-disposition': 'attachment; filename="caf\u00e9.txt"' });
    const response = await fetch(url);

    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'hello');
    assert.equal(Buffer.from(response.headers.get('content-disposition') ?? '', 'latin1').toString('latin1'), 'attachment; filename="caf\u00e9.txt"');
  });

  it('rejects SSE-C headers on GET and HEAD', async () => {
    const customer = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: CUSTOMER_KEY };
    await assertS3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'plain', ...customer })), 'InvalidRequest', 400);
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'plain', ...customer })), undefined, 400);
    await assertS3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing', ...customer })), 'NoSuchKey', 404);
  });

  it('rejects an SSE-C key without its algorithm on PUT', async () => {
    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'customer-key', Body: 'x', SSECustomerKey: CUSTOMER_KEY })), 'InvalidArgument', 400);
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'customer-key' })), undefined, 404);
  });

  it('requires kms:Decrypt for checksums of SSE-KMS objects', async () => {
    const kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, maxAttempts: 1 });
    const user = await server.createUser('checksum-reader');
    const userS3 = s3For(user);
    try {
      const created = await kms.send(new CreateKeyCommand({ Description: 'checksum objects' }));
      await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'kms-checked', Body: 'secret', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: created.KeyMetadata!.KeyId, ChecksumAlgorithm: 'CRC32' }),
      );

      const owned = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'kms-checked', ChecksumMode: 'ENABLED' }));
      assert.ok(owned.ChecksumCRC32, 'the key owner sees the checksum');

      const plain = await userS3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'kms-checked' }));
      assert.equal(plain.ServerSideEncryption, 'aws:kms');
      assert.equal(plain.ChecksumCRC32, undefined);

      await assertS3Failure(userS3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'kms-checked', ChecksumMode: 'ENABLED' })), undefined, 403);
      await assertS3Failure(userS3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kms-checked', ChecksumMode: 'ENABLED' })), 'AccessDenied', 403);
    } finally {
      userS3.destroy();
      kms.destroy();
    }
  });
});
