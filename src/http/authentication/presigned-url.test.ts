import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { presignRequest, type PresignRequestOptions } from '../../sigv4/presign-request.js';
import {
  sendRawRequest,
  startTestServer,
  TEST_ACCESS_KEY_ID,
  TEST_REGION,
  TEST_SECRET_ACCESS_KEY,
  type RawRequest,
  type TestServer,
} from './test-support.js';

function presigned(port: number, options: Partial<PresignRequestOptions> = {}, method = 'GET'): RawRequest {
  const path = '/example-bucket/photo.jpg';
  const host = `127.0.0.1:${port}`;
  const result = presignRequest(
    { method, path, headers: { host } },
    {
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
      region: TEST_REGION,
      service: 's3',
      signingDate: new Date(),
      hashing: nodeSha256,
      expiresIn: 3600,
      ...options,
    },
  );
  return { port, method, target: `${path}?${result.queryString}`, headers: { host } };
}

/** Replaces one query parameter's raw value in the target. */
function withParameter(request: RawRequest, name: string, value: string): RawRequest {
  const target = request.target.replace(new RegExp(`${name}=[^&]*`), `${name}=${value}`);
  assert.notEqual(target, request.target, `${name} is in the URL`);
  return { ...request, target };
}

describe('authenticateRequest with presigned URLs', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('accepts a presigned GET', async () => {
    const outcome = await sendRawRequest(presigned(server.port));
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.accessKeyId, TEST_ACCESS_KEY_ID);
  });

  it('accepts a presigned PUT with an unsigned body', async () => {
    const request = { ...presigned(server.port, {}, 'PUT'), body: Buffer.from('uploaded') };
    const outcome = await sendRawRequest(request);
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, 'uploaded');
  });

  it('accepts X-Amz-Expires of 604800 seconds', async () => {
    const outcome = await sendRawRequest(presigned(server.port, { expiresIn: 604_800 }));
    assert.equal(outcome.status, 200, outcome.message);
  });

  it('rejects X-Amz-Expires values S3 does not accept', async () => {
    const cases: Array<[value: string, message: string]> = [
      [
        '604801',
        'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
      ],
      ['-1', 'X-Amz-Expires must be non-negative'],
      ['abc', 'X-Amz-Expires should be a number'],
      ['99999999999999999999', 'X-Amz-Expires should be a number'],
    ];
    for (const [value, message] of cases) {
      const outcome = await sendRawRequest(withParameter(presigned(server.port), 'X-Amz-Expires', value));
      assert.equal(outcome.status, 400, value);
      assert.equal(outcome.code, 'AuthorizationQueryParametersError', value);
      assert.equal(outcome.message, message, value);
    }
  });

  it('rejects an expired URL', async () => {
    const signingDate = new Date(Date.now() - 3_600_000);
    const outcome = await sendRawRequest(presigned(server.port, { signingDate, expiresIn: 60 }));
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.message, 'Request has expired');
    assert.equal(outcome.details?.['X-Amz-Expires'], '60');
  });

  it('rejects a URL dated more than 15 minutes ahead', async () => {
    const signingDate = new Date(Date.now() + 3_600_000);
    const outcome = await sendRawRequest(presigned(server.port, { signingDate }));
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.message, 'Request is not yet valid');
  });

  it('accepts a URL dated a few minutes ahead', async () => {
    const signingDate = new Date(Date.now() + 5 * 60_000);
    assert.equal((await sendRawRequest(presigned(server.port, { signingDate }))).status, 200);
  });

  it('rejects a URL whose parameters changed after signing', async () => {
    const outcome = await sendRawRequest(withParameter(presigned(server.port), 'X-Amz-Expires', '3599'));
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('rejects a URL used with another method', async () => {
    const request = presigned(server.port);
    const outcome = await sendRawRequest({ ...request, method: 'DELETE' });
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('rejects x-amz-* headers that the URL does not sign', async () => {
    const request = presigned(server.port);
    const outcome = await sendRawRequest({ ...request, headers: { ...request.headers, 'x-amz-acl': 'public-read' } });
    assert.equal(outcome.code, 'AccessDenied');
    assert.equal(outcome.details?.['HeadersNotSigned'], 'x-amz-acl');
  });

  it('rejects a missing parameter', async () => {
    const request = presigned(server.port);
    const outcome = await sendRawRequest({ ...request, target: request.target.replace(/&X-Amz-SignedHeaders=[^&]*/, '') });
    assert.equal(outcome.code, 'AuthorizationQueryParametersError');
    assert.match(outcome.message ?? '', /^Query-string authentication version 4 requires/);
  });

  it('rejects a credential scoped to another region', async () => {
    const outcome = await sendRawRequest(presigned(server.port, { region: 'eu-west-1' }));
    assert.equal(outcome.code, 'AuthorizationQueryParametersError');
    assert.equal(outcome.message, "Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
  });

  it('rejects an Authorization header next to a presigned query', async () => {
    const request = presigned(server.port);
    const outcome = await sendRawRequest({ ...request, headers: { ...request.headers, authorization: 'AWS4-HMAC-SHA256 x' } });
    assert.equal(outcome.code, 'InvalidArgument');
  });
});
