/**
 * Checks the verifier against independent signers: `@smithy/signature-v4`
 * (the AWS SDK for JavaScript's signer) and the S3 client itself.
 */
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  sendRawRequest,
  startTestServer,
  TEST_ACCESS_KEY_ID,
  TEST_REGION,
  TEST_SECRET_ACCESS_KEY,
  type TestServer,
} from './test-support.js';

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA256 when given a secret) in the shape the Smithy signer expects. */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

const CREDENTIALS = { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY };

function smithySigner(service: string): SignatureV4 {
  // S3 signs the path as sent and needs x-amz-content-sha256. Other services escape the path
  // again. For them the body's hash is signed but not sent, as botocore does, so the server hashes the body.
  return new SignatureV4({
    credentials: CREDENTIALS,
    region: TEST_REGION,
    service,
    sha256: NodeSha256,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

describe('verifier against @smithy/signature-v4', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function signedBySmithy(signingPath: string, method = 'PUT', body = 'smithy body') {
    const host = `127.0.0.1:${server.port}`;
    return smithySigner('s3').sign({
      method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: server.port,
      path: signingPath,
      query: {},
      headers: { host, 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
  }

  it('accepts a PUT signed by Smithy', async () => {
    const signed = await signedBySmithy('/example-bucket/object.txt');
    const outcome = await sendRawRequest({
      port: server.port,
      method: 'PUT',
      target: '/example-bucket/object.txt',
      headers: signed.headers,
      body: Buffer.from('smithy body'),
    });
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, 'smithy body');
  });

  // Each raw path is sent as is, signed over the path S3 canonicalises it to.
  const rawPathCases: Array<[rawPath: string, signedPath: string]> = [
    ['/example-bucket/a+b.txt', '/example-bucket/a%20b.txt'],
    ['/example-bucket/c%2Bd.txt', '/example-bucket/c%2Bd.txt'],
    ['/example-bucket//foo', '/example-bucket//foo'],
    ['/example-bucket/dir//x', '/example-bucket/dir//x'],
    ['/example-bucket/caf%C3%A9%20%E2%9C%93.txt', '/example-bucket/caf%C3%A9%20%E2%9C%93.txt'],
    ['/example-bucket/caf%c3%a9.txt', '/example-bucket/caf%C3%A9.txt'],
  ];
  for (const [rawPath, signedPath] of rawPathCases) {
    it(`accepts ${rawPath} signed over ${signedPath}`, async () => {
      const signed = await signedBySmithy(signedPath);
      const outcome = await sendRawRequest({
        port: server.port,
        method: 'PUT',
        target: rawPath,
        headers: signed.headers,
        body: Buffer.from('smithy body'),
      });
      assert.equal(outcome.status, 200, outcome.message);
    });
  }

  it('accepts a signature over the raw path as sent', async () => {
    const signed = await signedBySmithy('/example-bucket/a+b.txt');
    const outcome = await sendRawRequest({
      port: server.port,
      method: 'PUT',
      target: '/example-bucket/a+b.txt',
      headers: signed.headers,
      body: Buffer.from('smithy body'),
    });
    assert.equal(outcome.status, 200, outcome.message);
  });

  it('rejects a signature over a path naming another key', async () => {
    const signed = await signedBySmithy('/example-bucket/a+b.txt');
    const outcome = await sendRawRequest({
      port: server.port,
      method: 'PUT',
      target: '/example-bucket/a%2Bc.txt',
      headers: signed.headers,
      body: Buffer.from('smithy body'),
    });
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('accepts a URL presigned by Smithy', async () => {
    const host = `127.0.0.1:${server.port}`;
    // Like @aws-sdk/s3-request-presigner, set x-amz-content-sha256 so that the signer uses UNSIGNED-PAYLOAD, then leave it unsigned.
    const presigned = await smithySigner('s3').presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: server.port,
        path: '/example-bucket/photo.jpg',
        query: { 'response-content-type': 'image/jpeg' },
        headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { expiresIn: 900, unsignableHeaders: new Set(['x-amz-content-sha256']) },
    );
    const query = Object.entries(presigned.query ?? {})
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
      .join('&');
    const outcome = await sendRawRequest({
      port: server.port,
      method: 'GET',
      target: `/example-bucket/photo.jpg?${query}`,
      headers: { host },
    });
    assert.equal(outcome.status, 200, outcome.message);
  });
});

describe('verifier against the KMS signer', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ service: 'kms' });
  });
  after(() => server.close());

  async function kmsRequest(signedBody: string, sentBody = signedBody) {
    const host = `127.0.0.1:${server.port}`;
    const signed = await smithySigner('kms').sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: server.port,
      path: '/',
      query: {},
      headers: {
        host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'TrentService.ListKeys',
        'content-length': String(Buffer.byteLength(sentBody)),
      },
      body: signedBody,
    });
    return sendRawRequest({ port: server.port, method: 'POST', target: '/', headers: signed.headers, body: Buffer.from(sentBody) });
  }

  it('accepts a request whose signature covers the body hash', async () => {
    const outcome = await kmsRequest('{"Limit":10}');
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, '{"Limit":10}');
  });

  it('rejects a body changed after signing', async () => {
    const outcome = await kmsRequest('{"Limit":10}', '{"Limit":99}');
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('rejects a body larger than the buffer limit', async () => {
    const outcome = await kmsRequest(`"${'x'.repeat(1024 * 1024)}"`);
    assert.equal(outcome.code, 'MaxMessageLengthExceeded');
  });

  it('rejects an unsigned payload', async () => {
    const host = `127.0.0.1:${server.port}`;
    const signed = await smithySigner('kms').sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: server.port,
      path: '/',
      query: {},
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '2' },
      body: '{}',
    });
    const outcome = await sendRawRequest({ port: server.port, method: 'POST', target: '/', headers: signed.headers, body: Buffer.from('{}') });
    assert.equal(outcome.code, 'InvalidArgument');
  });

  it('rejects a request without credentials as AccessDenied', async () => {
    const outcome = await sendRawRequest({ port: server.port, method: 'POST', target: '/', headers: { host: 'kms' } });
    assert.equal(outcome.code, 'AccessDenied');
  });
});

describe('verifier against @aws-sdk/client-s3', () => {
  let server: TestServer;
  let client: S3Client;
  before(async () => {
    process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
    server = await startTestServer();
    client = new S3Client({
      region: TEST_REGION,
      endpoint: `http://127.0.0.1:${server.port}`,
      forcePathStyle: true,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  it('accepts PutObject with a buffer body', async () => {
    await client.send(new PutObjectCommand({ Bucket: 'example-bucket', Key: 'a b+c.txt', Body: Buffer.from('buffered') }));
    const outcome = server.outcomes.at(-1);
    assert.equal(outcome?.status, 200, outcome?.message);
    assert.equal(outcome?.body, 'buffered');
  });

  it('accepts PutObject with a streamed body and its checksum trailer', async () => {
    const data = Buffer.alloc(200_000, 'z');
    await client.send(
      new PutObjectCommand({
        Bucket: 'example-bucket',
        Key: 'streamed.bin',
        Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]),
        ContentLength: data.length,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    const outcome = server.outcomes.at(-1);
    assert.equal(outcome?.status, 200, outcome?.message);
    assert.equal(outcome?.contentSha256, 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    assert.equal(outcome?.bodySha256, createHash('sha256').update(data).digest('hex'));
    assert.equal(outcome?.decodedContentLength, data.length);
  });
});

describe('verifier against @aws-sdk/client-kms', () => {
  let server: TestServer;
  let client: KMSClient;
  before(async () => {
    process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
    server = await startTestServer({ service: 'kms' });
    client = new KMSClient({
      region: TEST_REGION,
      endpoint: `http://127.0.0.1:${server.port}`,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  it('accepts ListKeys', async () => {
    await client.send(new ListKeysCommand({ Limit: 10 }));
    const outcome = server.outcomes.at(-1);
    assert.equal(outcome?.status, 200, outcome?.message);
    assert.match(outcome?.contentSha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(outcome?.body, '{"Limit":10}');
  });
});
