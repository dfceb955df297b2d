/**
 * The KMS JSON protocol edge, driven by the AWS SDK and by raw HTTP requests
 * against a loopback server whose authentication step is replaced by a fixed
 * mapping from access key id to principal.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { createLogger } from '../../observability/logger.js';
import { createTestKms, rootPrincipal, userPrincipal } from '../../kms/kms-test-fixture.js';
import type { Principal } from '../../identity/principals.js';
import { handleKmsRequest } from './route-kms-request.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const principals: Record<string, Principal> = {
  AKIAROOTEXAMPLE00001: rootPrincipal(),
  AKIAUSEREXAMPLE00001: userPrincipal('OtherUser'),
};

let server: Server;
let endpoint: string;

before(async () => {
  const { kms } = createTestKms();
  const log = createLogger('silent');

  server = createServer((request, response) => {
    const accessKeyId = /Credential=([A-Z0-9]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const principal = principals[accessKeyId] ?? rootPrincipal();
    const context = { requestId: randomUUID(), log, receivedAt: new Date(), sourceIp: '127.0.0.1', request, response, principal, body: request, decodedContentLength: undefined };
    void handleKmsRequest(context, kms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(accessKeyId: string): KMSClient {
  return new KMSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'unused-secret-unused-secret' }, maxAttempts: 1 });
}

function post(headers: Record<string, string>, body: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${endpoint}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

test('SDK round trip through the JSON protocol', async () => {
  const kms = client('AKIAROOTEXAMPLE00001');
  const created = await kms.send(new CreateKeyCommand({ Description: 'edge', Tags: [{ TagKey: 'team', TagValue: 'blue' }] }));
  assert.ok(created.KeyMetadata?.CreationDate instanceof Date);
  assert.equal(created.KeyMetadata?.Description, 'edge');

  const encrypted = await kms.send(new EncryptCommand({ KeyId: created.KeyMetadata!.KeyId, Plaintext: Buffer.from('hello'), EncryptionContext: { a: 'b' } }));
  assert.equal(encrypted.KeyId, created.KeyMetadata!.Arn);
  assert.equal(encrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');

  const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { a: 'b' } }));
  assert.equal(Buffer.from(decrypted.Plaintext!).toString(), 'hello');

  const listed = await kms.send(new ListKeysCommand({}));
  assert.deepEqual(listed.Keys?.map((key) => key.KeyArn), [created.KeyMetadata!.Arn]);
  assert.equal(listed.Truncated, false);
});

test('SDK sees KMS error types', async () => {
  const kms = client('AKIAROOTEXAMPLE00001');
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));

  await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, 'NotFoundException');
    assert.equal(error.message, 'Alias arn:aws:kms:us-east-1:111122223333:alias/missing is not found.');
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });

  await assert.rejects(client('AKIAUSEREXAMPLE00001').send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })), (error: Error) => {
    assert.equal(error.name, 'AccessDeniedException');
    assert.match(error.message, /^User: arn:aws:iam::111122223333:user\/OtherUser is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:/);
    return true;
  });

  await assert.rejects(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('truncated') })), { name: 'InvalidCiphertextException' });
});

test('response headers and empty output', async () => {
  const created = await post({ 'X-Amz-Target': 'TrentService.CreateKey' }, '{}');
  assert.equal(created.status, 200);
  assert.equal(created.headers['content-type'], 'application/x-amz-json-1.1');
  assert.match(String(created.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  const keyId = JSON.parse(created.body).KeyMetadata.KeyId as string;
  assert.equal(typeof JSON.parse(created.body).KeyMetadata.CreationDate, 'number');

  const disabled = await post({ 'X-Amz-Target': 'TrentService.DisableKey' }, JSON.stringify({ KeyId: keyId }));
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body, '');

  const empty = await post({ 'X-Amz-Target': 'TrentService.ListKeys' }, '');
  assert.equal(empty.status, 200);
  assert.ok(Array.isArray(JSON.parse(empty.body).Keys));
});

test('protocol errors', async () => {
  const cases: Array<[Record<string, string>, string, number, string, RegExp]> = [
    [{ 'X-Amz-Target': 'TrentService.DeleteEverything' }, '{}', 400, 'UnknownOperationException', /TrentService.DeleteEverything/],
    [{}, '{}', 400, 'UnknownOperationException', /no X-Amz-Target/],
    [{ 'X-Amz-Target': 'TrentService.ListKeys', 'Content-Type': 'text/plain' }, '{}', 400, 'UnknownOperationException', /Content-Type/],
    [{ 'X-Amz-Target': 'TrentService.ListKeys' }, '{"Limit": ', 400, 'SerializationException', /not valid JSON/],
    [{ 'X-Amz-Target': 'TrentService.ListKeys' }, '[1, 2]', 400, 'SerializationException', /JSON object/],
    [{ 'X-Amz-Target': 'TrentService.ListKeys' }, '{"Limit": "ten"}', 400, 'SerializationException', /Limit must be an integer/],
    [{ 'X-Amz-Target': 'TrentService.Encrypt' }, '{"KeyId": "alias/x", "Plaintext": "not base64!"}', 400, 'SerializationException', /Plaintext is not valid base64/],
    [{ 'X-Amz-Target': 'TrentService.Encrypt' }, '{"KeyId": "alias/x", "EncryptionContext": {"a": 1}, "Plaintext": "eA=="}', 400, 'SerializationException', /EncryptionContext must be a map/],
    [{ 'X-Amz-Target': 'TrentService.DescribeKey' }, '{}', 400, 'ValidationException', /^1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null$/],
    [{ 'X-Amz-Target': 'TrentService.Decrypt' }, '{"CiphertextBlob": "AQID"}', 400, 'InvalidCiphertextException', /could not be decrypted/],
  ];

  for (const [headers, body, status, type, message] of cases) {
    const response = await post(headers, body);
    assert.equal(response.status, status, `${JSON.stringify(headers)} ${body}`);
    const error = JSON.parse(response.body) as { __type: string; message: string };
    assert.equal(error.__type, type, body);
    assert.match(error.message, message, body);
    assert.match(String(response.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  }
});

test('oversized bodies are rejected', async () => {
  const response = await post({ 'X-Amz-Target': 'TrentService.CreateKey' }, JSON.stringify({ Description: 'x'.repeat(1024 * 1024 + 1) }));
  assert.equal(response.status, 400);
  assert.equal(JSON.parse(response.body).__type, 'ValidationException');
});
