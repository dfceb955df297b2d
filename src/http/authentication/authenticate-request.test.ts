import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { getCanonicalQuery } from '../../sigv4/get-canonical-query.js';
import { signRequest, type SignRequestOptions } from '../../sigv4/sign-request.js';
import {
  sendRawRequest,
  startTestServer,
  TEST_ACCESS_KEY_ID,
  TEST_REGION,
  TEST_SECRET_ACCESS_KEY,
  type RawRequest,
  type TestServer,
} from './test-support.js';

interface SignedRequestInput {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  readonly options?: Partial<SignRequestOptions>;
}

function signedRequest(port: number, input: SignedRequestInput = {}): RawRequest & { headers: Record<string, string> } {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/example-bucket/key.txt';
  const query = input.query ?? {};
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...input.headers };
  if (input.body !== undefined) headers['content-length'] = String(input.body.length);

  const signed = signRequest(
    { method, path, query, headers, ...(input.body === undefined ? {} : { body: input.body }) },
    {
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
      region: TEST_REGION,
      service: 's3',
      signingDate: new Date(),
      hashing: nodeSha256,
      ...input.options,
    },
  );
  const rawQuery = getCanonicalQuery(Object.entries(query));
  return {
    port,
    method,
    target: rawQuery === '' ? path : `${path}?${rawQuery}`,
    headers: signed.headers as Record<string, string>,
    ...(input.body === undefined ? {} : { body: input.body }),
  };
}

function withAuthorization(request: RawRequest & { headers: Record<string, string> }, change: (value: string) => string) {
  return { ...request, headers: { ...request.headers, authorization: change(request.headers['authorization']!) } };
}

describe('authenticateRequest with the Authorization header', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('accepts a signed GET', async () => {
    const outcome = await sendRawRequest(signedRequest(server.port));
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.accessKeyId, TEST_ACCESS_KEY_ID);
  });

  it('accepts a signed PUT and passes its body on', async () => {
    const body = Buffer.from('hello, strongroom');
    const outcome = await sendRawRequest(signedRequest(server.port, { method: 'PUT', body }));
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, 'hello, strongroom');
    assert.equal(outcome.decodedContentLength, body.length);
  });

  it('accepts a virtual-hosted bucket in the Host header', async () => {
    const request = signedRequest(server.port, { path: '/key.txt', headers: { host: `example-bucket.localhost:${server.port}` } });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 200, outcome.message);
  });

  it('accepts query parameters', async () => {
    const request = signedRequest(server.port, { path: '/example-bucket', query: { 'list-type': '2', prefix: 'a b+c/', acl: '' } });
    assert.equal((await sendRawRequest(request)).status, 200);
  });

  it('rejects an unknown access key', async () => {
    const request = signedRequest(server.port, {
      options: { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: TEST_SECRET_ACCESS_KEY } },
    });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'InvalidAccessKeyId');
    assert.equal(outcome.details?.['AWSAccessKeyId'], 'AKIAUNKNOWNKEY000000');
  });

  it('rejects a changed signature', async () => {
    const request = withAuthorization(signedRequest(server.port), (value) => value.replace(/Signature=(.)/, (_, first: string) => `Signature=${first === '0' ? '1' : '0'}`));
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
    assert.match(outcome.details?.['CanonicalRequest'] ?? '', /^GET\n\/example-bucket\/key.txt\n/);
  });

  it('keeps SSE-C keys out of signature errors', async () => {
    const customerKey = Buffer.alloc(32, 7).toString('base64');
    const request = signedRequest(server.port, {
      headers: { 'x-amz-server-side-encryption-customer-key': customerKey },
      options: { credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret-key-at-all' } },
    });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
    assert.equal(outcome.details?.['CanonicalRequest'], undefined);
    assert.doesNotMatch(JSON.stringify(outcome), new RegExp(customerKey.replace(/[+/=]/g, '.')));
  });

  it('rejects a wrong secret key', async () => {
    const request = signedRequest(server.port, {
      options: { credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret-key-at-all' } },
    });
    assert.equal((await sendRawRequest(request)).code, 'SignatureDoesNotMatch');
  });

  it('rejects a signed header changed after signing', async () => {
    const request = signedRequest(server.port, { headers: { 'x-amz-meta-color': 'blue' } });
    const outcome = await sendRawRequest({ ...request, headers: { ...request.headers, 'x-amz-meta-color': 'red' } });
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('rejects a request time more than 15 minutes away', async () => {
    for (const offsetMinutes of [-16, 16]) {
      const signingDate = new Date(Date.now() + offsetMinutes * 60_000);
      const outcome = await sendRawRequest(signedRequest(server.port, { options: { signingDate } }));
      assert.equal(outcome.status, 403, `${offsetMinutes} minutes`);
      assert.equal(outcome.code, 'RequestTimeTooSkewed');
      assert.equal(outcome.details?.['MaxAllowedSkewMilliseconds'], '900000');
    }
  });

  it('accepts a request time 14 minutes away', async () => {
    const signingDate = new Date(Date.now() - 14 * 60_000);
    assert.equal((await sendRawRequest(signedRequest(server.port, { options: { signingDate } }))).status, 200);
  });

  it('rejects a credential scoped to another region', async () => {
    const outcome = await sendRawRequest(signedRequest(server.port, { options: { region: 'eu-west-1' } }));
    assert.equal(outcome.status, 400);
    assert.equal(outcome.code, 'AuthorizationHeaderMalformed');
    assert.equal(outcome.message, "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    assert.equal(outcome.details?.['Region'], 'us-east-1');
  });

  it('rejects a credential scoped to another service', async () => {
    const outcome = await sendRawRequest(signedRequest(server.port, { options: { service: 'kms' } }));
    assert.equal(outcome.code, 'AuthorizationHeaderMalformed');
    assert.equal(outcome.message, 'The authorization header is malformed; incorrect service "kms". This endpoint belongs to "s3".');
  });

  it('rejects a header missing a component', async () => {
    const request = withAuthorization(signedRequest(server.port), (value) => value.replace(/, Signature=[0-9a-f]+/, ''));
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.code, 'AuthorizationHeaderMalformed');
  });

  it('requires host to be signed', async () => {
    const request = withAuthorization(signedRequest(server.port), (value) => value.replace('SignedHeaders=host;', 'SignedHeaders='));
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.details?.['HeadersNotSigned'], 'host');
  });

  it('rejects x-amz-* headers that are not signed', async () => {
    const request = signedRequest(server.port);
    const outcome = await sendRawRequest({ ...request, headers: { ...request.headers, 'x-amz-acl': 'public-read' } });
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.message, 'There were headers present in the request which were not signed');
    assert.equal(outcome.details?.['HeadersNotSigned'], 'x-amz-acl');
  });

  it('requires x-amz-content-sha256', async () => {
    const outcome = await sendRawRequest(signedRequest(server.port, { options: { addContentSha256Header: false } }));
    assert.equal(outcome.status, 400);
    assert.equal(outcome.code, 'InvalidRequest');
    assert.equal(outcome.message, 'Missing required header for this request: x-amz-content-sha256');
  });

  it('rejects an unknown x-amz-content-sha256 value', async () => {
    const outcome = await sendRawRequest(signedRequest(server.port, { options: { payloadHash: 'SOMETHING-ELSE' } }));
    assert.equal(outcome.code, 'InvalidArgument');
  });

  it('rejects a body that does not match x-amz-content-sha256', async () => {
    const declared = createHash('sha256').update('other body').digest('hex');
    const request = signedRequest(server.port, { method: 'PUT', body: Buffer.from('the body'), options: { payloadHash: declared } });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 400);
    assert.equal(outcome.code, 'XAmzContentSHA256Mismatch');
    assert.equal(outcome.failedWhileReading, true);
  });

  it('accepts UNSIGNED-PAYLOAD', async () => {
    const request = signedRequest(server.port, { method: 'PUT', body: Buffer.from('anything'), options: { payloadHash: 'UNSIGNED-PAYLOAD' } });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, 'anything');
  });

  it('checks an x-amz-checksum-crc32 header against the body', async () => {
    const body = Buffer.from('123456789');
    const good = signedRequest(server.port, { method: 'PUT', body, headers: { 'x-amz-checksum-crc32': 'y/Q5Jg==' } });
    assert.equal((await sendRawRequest(good)).status, 200);

    const bad = signedRequest(server.port, { method: 'PUT', body, headers: { 'x-amz-checksum-crc32': 'AAAAAA==' } });
    const outcome = await sendRawRequest(bad);
    assert.equal(outcome.code, 'BadDigest');
    assert.equal(outcome.message, 'The CRC32 you specified did not match the calculated checksum.');
  });

  it('rejects a malformed checksum header before reading the body', async () => {
    const request = signedRequest(server.port, { method: 'PUT', body: Buffer.from('x'), headers: { 'x-amz-checksum-sha256': 'short' } });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.code, 'InvalidRequest');
    assert.equal(outcome.failedWhileReading, false);
  });

  it('rejects Signature Version 2', async () => {
    const header = await sendRawRequest({
      port: server.port,
      method: 'GET',
      target: '/example-bucket/key.txt',
      headers: { host: `127.0.0.1:${server.port}`, authorization: `AWS ${TEST_ACCESS_KEY_ID}:c2lnbmF0dXJl` },
    });
    assert.equal(header.status, 400);
    assert.equal(header.code, 'InvalidRequest');
    assert.equal(header.message, 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');

    const query = await sendRawRequest({
      port: server.port,
      method: 'GET',
      target: `/example-bucket/key.txt?AWSAccessKeyId=${TEST_ACCESS_KEY_ID}&Expires=2000000000&Signature=c2ln`,
      headers: { host: `127.0.0.1:${server.port}` },
    });
    assert.equal(query.code, 'InvalidRequest');
  });

  it('rejects an unknown authorization scheme without echoing it', async () => {
    const outcome = await sendRawRequest({
      port: server.port,
      method: 'GET',
      target: '/',
      headers: { host: `127.0.0.1:${server.port}`, authorization: 'Bearer secret-token-value' },
    });
    assert.equal(outcome.code, 'InvalidArgument');
    assert.doesNotMatch(JSON.stringify(outcome), /secret-token-value/);
  });

  it('rejects a request without credentials as AccessDenied', async () => {
    const outcome = await sendRawRequest({ port: server.port, method: 'GET', target: '/', headers: { host: 'localhost' } });
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.message, 'Access Denied');
  });

  it('rejects a session token', async () => {
    const request = signedRequest(server.port, {
      options: { credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, sessionToken: 'token' } },
    });
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 400);
    assert.equal(outcome.code, 'InvalidToken');
  });

  it('rejects a path that is not valid percent-encoded UTF-8', async () => {
    for (const path of ['/example-bucket/%zz', '/example-bucket/%FF']) {
      const outcome = await sendRawRequest(signedRequest(server.port, { path }));
      assert.equal(outcome.code, 'InvalidURI', path);
    }
  });
});

describe('authenticateRequest over IPv6', () => {
  it('accepts Host [::1]:port', async (t) => {
    let server: TestServer;
    try {
      server = await startTestServer({ host: '::1' });
    } catch {
      t.skip('IPv6 loopback is not available');
      return;
    }
    try {
      const request = signedRequest(server.port, { headers: { host: `[::1]:${server.port}` } });
      const outcome = await sendRawRequest({ ...request, host: '::1' });
      assert.equal(outcome.status, 200, outcome.message);
    } finally {
      await server.close();
    }
  });
});
