import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { AuthenticationError } from '../authentication/authentication-error.js';
import type { RequestContext } from '../request-context.js';
import { S3Error } from '../../s3/s3-errors.js';
import { writeS3Error } from './write-s3-error.js';

interface Captured {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

describe('writeS3Error', () => {
  let server: Server;
  let nextError: unknown;
  const logged: Array<{ level: number; msg: string }> = [];

  before(async () => {
    const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line) as { level: number; msg: string }) });
    server = createServer((request, response) => {
      const context: RequestContext = { requestId: 'REQUEST123', log, receivedAt: new Date(), sourceIp: '127.0.0.1', request, response };
      writeS3Error(context, nextError);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function send(method: string, path: string, error: unknown): Promise<Captured> {
    nextError = error;
    const port = (server.address() as AddressInfo).port;
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, method, path }, (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString('utf8') }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('writes an S3Error with its details', async () => {
    const response = await send('GET', '/example-bucket/photo.jpg?X-Amz-Signature=secret', new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: 'photo.jpg' }));

    assert.equal(response.status, 404);
    assert.equal(response.headers['content-type'], 'application/xml');
    assert.equal(response.headers['x-amz-request-id'], 'REQUEST123');
    assert.equal(response.headers.server, 'Strongroom');
    assert.match(response.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code>/);
    assert.match(response.body, /<Message>The specified key does not exist\.<\/Message>/);
    assert.match(response.body, /<Key>photo\.jpg<\/Key>/);
    assert.match(response.body, /<Resource>\/example-bucket\/photo\.jpg<\/Resource>/);
    assert.match(response.body, /<RequestId>REQUEST123<\/RequestId>/);
    assert.match(response.body, new RegExp(`<HostId>${String(response.headers['x-amz-id-2']).replace(/[+/]/g, '\\$&')}</HostId>`));
    assert.equal(response.body.includes('secret'), false);
  });

  it('writes an AuthenticationError with its status', async () => {
    const response = await send('PUT', '/b/k', new AuthenticationError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'));

    assert.equal(response.status, 403);
    assert.match(response.body, /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('sends KMS pass-through codes as 400', async () => {
    const response = await send('PUT', '/b/k', new S3Error('KMS.NotFoundException', "Invalid keyId 'alias/missing'"));

    assert.equal(response.status, 400);
    assert.match(response.body, /<Code>KMS\.NotFoundException<\/Code>/);
  });

  it('sends NotImplemented as 501', async () => {
    const response = await send('GET', '/b?versioning', new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented'));

    assert.equal(response.status, 501);
    assert.match(response.body, /<Code>NotImplemented<\/Code>/);
  });

  it('hides KMS internal failures', async () => {
    const response = await send('GET', '/b/k', new S3Error('KMS.KMSInternalException', 'key store unavailable'));

    assert.equal(response.status, 500);
    assert.match(response.body, /<Code>InternalError<\/Code>/);
    assert.equal(response.body.includes('key store'), false);
  });

  it('hides unknown errors behind InternalError', async () => {
    const response = await send('GET', '/b/k', new Error('database file is locked at /var/lib/secret-path'));

    assert.equal(response.status, 500);
    assert.match(response.body, /<Code>InternalError<\/Code>/);
    assert.equal(response.body.includes('secret-path'), false);
    assert.ok(logged.some((line) => line.level === 50 && line.msg === 'S3 request failed with an internal error'));
  });

  it('sends HEAD errors without a body', async () => {
    const response = await send('HEAD', '/b/k', new S3Error('NoSuchKey', 'The specified key does not exist.'));

    assert.equal(response.status, 404);
    assert.equal(response.body, '');
  });
});
