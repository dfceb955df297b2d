/**
 * The README walk-through, run with the aws CLI: a key with a key policy, an
 * alias, a bucket, and an SSE-KMS object in and out, plus a user the policy
 * does not name being denied.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer, type TestUser } from '../support/server-harness.js';
import { awsCliMissingReason, runAwsCli } from '../support/aws-cli.js';
import { repositoryRoot } from '../support/repository-root.js';

const skipReason = awsCliMissingReason();

let server: RunningServer;
let workDirectory: string;
let iamUser: TestUser;
let otherUser: TestUser;

before(async () => {
  if (skipReason) {
    return;
  }
  server = await startServer({ accountId: '111122223333' });
  workDirectory = await mkdtemp(join(tmpdir(), 'strongroom-cli-'));
  iamUser = await server.createUser('IAMuser');
  otherUser = await server.createUser('OtherUser');
});

after(async () => {
  if (skipReason) {
    return;
  }
  await server.stop();
  await rm(workDirectory, { recursive: true, force: true });
});

test('aws CLI walk-through with SSE-KMS', { skip: skipReason }, async (t) => {
  const asRoot = (args: string[]) => runAwsCli(server.endpoint, server.region, server.rootCredentials, args, workDirectory);
  const asIamUser = (args: string[]) => runAwsCli(server.endpoint, server.region, iamUser, args, workDirectory);
  const asOtherUser = (args: string[]) => runAwsCli(server.endpoint, server.region, otherUser, args, workDirectory);

  // A photo-sized object whose plaintext carries a marker we can look for on disk.
  const marker = 'STRONGROOM-PLAINTEXT-MARKER-' + randomBytes(8).toString('hex');
  const photo = Buffer.concat([Buffer.from(marker), randomBytes(3 * 1024 * 1024), Buffer.from(marker)]);
  await writeFile(join(workDirectory, 'photo.jpg'), photo);
  const policy = await readFile(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
  await writeFile(join(workDirectory, 'policy.json'), policy);

  let keyArn = '';
  await t.test('create key, alias and bucket as root', async () => {
    const created = await asRoot(['kms', 'create-key', '--description', 'demo', '--policy', 'file://policy.json']);
    assert.equal(created.exitCode, 0, created.stderr);
    const metadata = JSON.parse(created.stdout).KeyMetadata;
    assert.match(metadata.Arn, /^arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}$/);
    assert.equal(metadata.Description, 'demo');
    keyArn = metadata.Arn;

    const alias = await asRoot(['kms', 'create-alias', '--alias-name', 'alias/demo', '--target-key-id', metadata.KeyId]);
    assert.equal(alias.exitCode, 0, alias.stderr);

    const bucket = await asRoot(['s3api', 'create-bucket', '--bucket', 'example-bucket']);
    assert.equal(bucket.exitCode, 0, bucket.stderr);
  });

  await t.test('IAMuser puts and gets under SSE-KMS', async () => {
    const put = await asIamUser([
      's3api', 'put-object', '--bucket', 'example-bucket', '--key', 'example_image.jpg', '--body', 'photo.jpg',
      '--server-side-encryption', 'aws:kms', '--ssekms-key-id', 'alias/demo',
    ]);
    assert.equal(put.exitCode, 0, put.stderr);
    const putOutput = JSON.parse(put.stdout);
    assert.equal(putOutput.ServerSideEncryption, 'aws:kms');
    assert.equal(putOutput.SSEKMSKeyId, keyArn);
    assert.match(putOutput.ETag, /^"[0-9a-f]{32}"$/);

    const get = await asIamUser(['s3api', 'get-object', '--bucket', 'example-bucket', '--key', 'example_image.jpg', 'out.jpg']);
    assert.equal(get.exitCode, 0, get.stderr);
    const getOutput = JSON.parse(get.stdout);
    assert.equal(getOutput.ServerSideEncryption, 'aws:kms');
    assert.equal(getOutput.SSEKMSKeyId, keyArn);
    assert.equal(getOutput.ETag, putOutput.ETag);

    const downloaded = await readFile(join(workDirectory, 'out.jpg'));
    assert.ok(downloaded.equals(photo), 'downloaded bytes differ from the upload');
  });

  await t.test('stored bytes are ciphertext', async () => {
    const needle = Buffer.from(marker);
    for (const file of await listFiles(server.dataDirectory)) {
      const content = await readFile(file);
      assert.equal(content.indexOf(needle), -1, `plaintext marker found in ${file}`);
    }
  });

  await t.test('user the policy does not name is denied', async () => {
    const put = await asOtherUser([
      's3api', 'put-object', '--bucket', 'example-bucket', '--key', 'example_image.jpg', '--body', 'photo.jpg',
      '--server-side-encryption', 'aws:kms', '--ssekms-key-id', 'alias/demo',
    ]);
    assert.notEqual(put.exitCode, 0);
    assert.match(put.stderr, /AccessDenied/);

    const get = await asOtherUser(['s3api', 'get-object', '--bucket', 'example-bucket', '--key', 'example_image.jpg', 'denied.jpg']);
    assert.notEqual(get.exitCode, 0);
    assert.match(get.stderr, /AccessDenied/);

    const encrypt = await asOtherUser(['kms', 'encrypt', '--key-id', 'alias/demo', '--plaintext', 'aGVsbG8=']);
    assert.notEqual(encrypt.exitCode, 0);
    assert.match(encrypt.stderr, /AccessDeniedException/);
  });

  await t.test('object is unharmed after the denied attempts', async () => {
    const get = await asIamUser(['s3api', 'get-object', '--bucket', 'example-bucket', '--key', 'example_image.jpg', 'again.jpg']);
    assert.equal(get.exitCode, 0, get.stderr);
    const downloaded = await readFile(join(workDirectory, 'again.jpg'));
    assert.ok(downloaded.equals(photo), 'object changed after denied requests');
  });
});

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
}
