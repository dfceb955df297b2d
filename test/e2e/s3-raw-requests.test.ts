/**
 * Requests the SDK cannot be made to send: raw paths that S3 decodes in its own
 * way, virtual-host addressing and aws-chunked streaming uploads. Each request
 * is signed with @smithy/signature-v4, the SDK's own signer, and sent with
 * node:http.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../support/node-sha256.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'example-bucket';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

describe('S3 raw requests', () => {
  let server: RunningServer;
  let s3: S3Client;
  let signer: SignatureV4;

  before(async () => {
    server = await startServer();
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, forcePathStyle: true, maxAttempts: 1 });
    signer = new SignatureV4({
      credentials: server.rootCredentials,
      region: server.region,
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  /** Signs over `signedPath` and sends `sentPath`, so tests can check how the server decodes paths. */
  async function send(options: {
    method: string;
    signedPath: string;
    sentPath?: string;
    host?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: Buffer;
  }): Promise<RawResponse> {
    const body = options.body ?? Buffer.alloc(0);
    const host = options.host ?? `127.0.0.1:${server.port}`;
    const headers: Record<string, string> = {
      host,
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      'content-length': String(body.length),
      ...options.headers,
    };
    const signed = await signer.sign({
      method: options.method,
      protocol: 'http:',
      hostname: host.replace(/:\d+$/, ''),
      port: server.port,
      path: options.signedPath,
      query: options.query ?? {},
      headers,
    });

    const queryString = new URLSearchParams(options.query ?? {}).toString();
    const path = (options.sentPath ?? options.signedPath) + (queryString === '' ? '' : `?${queryString}`);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port: server.port, method: options.method, path, headers: signed.headers }, (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString('utf8') }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function getText(key: string): Promise<string> {
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return get.Body!.transformToString();
  }

  it('decodes a raw plus in the path as a space', async () => {
    const put = await send({ method: 'PUT', signedPath: `/${BUCKET}/a%20b.txt`, sentPath: `/${BUCKET}/a+b.txt`, body: Buffer.from('space') });

    assert.equal(put.status, 200, put.body);
    assert.equal(await getText('a b.txt'), 'space');
  });

  it('defaults the content type', async () => {
    // The SDK always sends a Content-Type, so this needs a raw request.
    const put = await send({ method: 'PUT', signedPath: `/${BUCKET}/untyped`, body: Buffer.from('x') });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'untyped' }));

    assert.equal(put.status, 200, put.body);
    assert.equal(head.ContentType, 'binary/octet-stream');
  });

  it('decodes %2B as a plus', async () => {
    const put = await send({ method: 'PUT', signedPath: `/${BUCKET}/c%2Bd.txt`, body: Buffer.from('plus') });

    assert.equal(put.status, 200, put.body);
    assert.equal(await getText('c+d.txt'), 'plus');
  });

  it('keeps double slashes in keys', async () => {
    const leading = await send({ method: 'PUT', signedPath: `/${BUCKET}//foo`, body: Buffer.from('leading') });
    const inner = await send({ method: 'PUT', signedPath: `/${BUCKET}/dir//x`, body: Buffer.from('inner') });

    assert.equal(leading.status, 200, leading.body);
    assert.equal(inner.status, 200, inner.body);
    assert.equal(await getText('/foo'), 'leading');
    assert.equal(await getText('dir//x'), 'inner');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'dir/' }));
    assert.deepEqual(listed.Contents?.map((object) => object.Key), ['dir//x']);
  });

  it('decodes UTF-8 keys', async () => {
    const put = await send({ method: 'PUT', signedPath: `/${BUCKET}/caf%C3%A9%20%E2%9C%93.txt`, body: Buffer.from('unicode') });

    assert.equal(put.status, 200, put.body);
    assert.equal(await getText('café ✓.txt'), 'unicode');
  });

  it('addresses buckets by virtual host', async () => {
    const host = `${BUCKET}.localhost:${server.port}`;

    const put = await send({ method: 'PUT', host, signedPath: '/vhost/key.txt', body: Buffer.from('virtual') });
    const list = await send({ method: 'GET', host, signedPath: '/', query: { 'list-type': '2', prefix: 'vhost/' } });

    assert.equal(put.status, 200, put.body);
    assert.equal(await getText('vhost/key.txt'), 'virtual');
    assert.equal(list.status, 200, list.body);
    assert.match(list.body, /<Key>vhost\/key\.txt<\/Key>/);
    assert.match(list.body, /<ListBucketResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/);
  });

  it('sends S3 response headers and XML errors', async () => {
    const response = await send({ method: 'GET', signedPath: `/${BUCKET}/missing-key` });

    assert.equal(response.status, 404);
    assert.equal(response.headers.server, 'Strongroom');
    assert.match(String(response.headers['x-amz-request-id']), /^[0-9A-F]+$/);
    assert.ok(response.headers['x-amz-id-2']);
    assert.match(response.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(response.body, /<Code>NoSuchKey<\/Code>/);
    assert.match(response.body, /<Key>missing-key<\/Key>/);
    assert.match(response.body, new RegExp(`<RequestId>${String(response.headers['x-amz-request-id'])}</RequestId>`));
  });

  describe('aws-chunked uploads', () => {
    /** Frames `data` as signed aws-chunked chunks chained from the seed signature. */
    function frameChunks(data: Buffer, chunkSize: number, seedSignature: string, amzDate: string, corruptChunk?: number): Buffer {
      const date = amzDate.slice(0, 8);
      const scope = `${date}/${server.region}/s3/aws4_request`;
      let signingKey: Buffer = createHmac('sha256', `AWS4${server.rootCredentials.secretAccessKey}`).update(date).digest();
      for (const part of [server.region, 's3', 'aws4_request']) {
        signingKey = createHmac('sha256', signingKey).update(part).digest();
      }

      const chunks: Buffer[] = [];
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        chunks.push(data.subarray(offset, offset + chunkSize));
      }
      chunks.push(Buffer.alloc(0));

      const frames: Buffer[] = [];
      let previous = seedSignature;
      chunks.forEach((chunk, index) => {
        const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, createHash('sha256').update(chunk).digest('hex')].join('\n');
        let signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
        previous = signature;
        if (index === corruptChunk) {
          signature = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
        }
        frames.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${signature}\r\n`), chunk, Buffer.from('\r\n'));
      });
      return Buffer.concat(frames);
    }

    async function putChunked(key: string, data: Buffer, corruptChunk?: number): Promise<RawResponse> {
      const chunkSize = 64 * 1024;
      const chunkCount = Math.ceil(data.length / chunkSize) + 1;
      const framedLength = data.length + chunkCount * (';chunk-signature='.length + 64 + 4) + [...Array(chunkCount).keys()]
        .map((index) => Math.min(chunkSize, Math.max(0, data.length - index * chunkSize)).toString(16).length)
        .reduce((sum, length) => sum + length, 0);
      const headers = {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(data.length),
        'content-length': String(framedLength),
      };
      const host = `127.0.0.1:${server.port}`;
      const signed = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port: server.port, path: `/${BUCKET}/${key}`, query: {}, headers: { host, ...headers } });
      const seedSignature = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))![1]!;
      const body = frameChunks(data, chunkSize, seedSignature, String(signed.headers['x-amz-date']), corruptChunk);
      assert.equal(body.length, framedLength);

      return new Promise((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port: server.port, method: 'PUT', path: `/${BUCKET}/${key}`, headers: signed.headers }, (response) => {
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString('utf8') }));
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    }

    it('stores only the decoded bytes', async () => {
      const data = randomBytes(150_000);

      const put = await putChunked('chunked.bin', data);
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'chunked.bin' }));
      const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'chunked.bin' }));

      const md5 = createHash('md5').update(data).digest('hex');
      assert.equal(put.status, 200, put.body);
      assert.equal(put.headers.etag, `"${md5}"`);
      assert.equal(head.ContentLength, data.length);
      assert.equal(head.ETag, `"${md5}"`);
      assert.equal(head.ContentEncoding, undefined);
      assert.ok(Buffer.from(await get.Body!.transformToByteArray()).equals(data));
    });

    it('stores nothing when a chunk signature is wrong', async () => {
      const put = await putChunked('bad-chunk.bin', randomBytes(150_000), 1);

      assert.equal(put.status, 403, put.body);
      assert.match(put.body, /<Code>SignatureDoesNotMatch<\/Code>/);
      await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad-chunk.bin' })), (error: unknown) => {
        assert.ok(error instanceof S3ServiceException);
        assert.equal(error.$metadata.httpStatusCode, 404);
        return true;
      });
    });
  });
});
