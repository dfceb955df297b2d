/**
 * Requests signed for KMS with a target KMS does not serve get KMS's JSON
 * error, never S3's XML.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../support/node-sha256.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server.stop();
});

async function sendKmsRequest(target: string | undefined): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  const signer = new SignatureV4({ credentials: server.rootCredentials, region: server.region, service: 'kms', sha256: NodeSha256 });
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/x-amz-json-1.1' };
  if (target !== undefined) {
    headers['x-amz-target'] = target;
  }
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: server.port, path: '/', headers, body: '{}' });

  const response = await fetch(`${server.endpoint}/`, { method: 'POST', headers: signed.headers, body: '{}' });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

test('unknown targets get KMS errors', async () => {
  for (const target of ['Bogus.Target', 'TrentService_20141101.ListKeys', 'TrentService.FrobnicateKey', undefined]) {
    const response = await sendKmsRequest(target);

    assert.equal(response.status, 400, String(target));
    assert.match(response.contentType, /^application\/x-amz-json-1\.1/, String(target));
    assert.equal(response.body['__type'], 'UnknownOperationException', String(target));
  }
});

test('known target still served', async () => {
  const response = await sendKmsRequest('TrentService.ListKeys');

  assert.equal(response.status, 200);
  assert.ok(Array.isArray(response.body['Keys']));
});
