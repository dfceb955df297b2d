/**
 * SSE-KMS and KMS through Debian's boto3, an independent SigV4 client.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, type RunningServer } from '../support/server-harness.js';
import { repositoryRoot } from '../support/repository-root.js';

const execFileAsync = promisify(execFile);

/** Debian's python3-boto3 is installed for the system Python, which a pyenv python3 on PATH would hide. */
const PYTHON_PATH = '/usr/bin/python3';

function boto3MissingReason(): string | undefined {
  const probe = spawnSync(PYTHON_PATH, ['-c', 'import boto3'], { stdio: 'ignore' });
  return probe.status === 0 ? undefined : `boto3 not importable by ${PYTHON_PATH}: install the Debian package python3-boto3`;
}

const skipReason = boto3MissingReason();
let server: RunningServer;

before(async () => {
  if (!skipReason) {
    server = await startServer();
  }
});

after(async () => {
  if (!skipReason) {
    await server.stop();
  }
});

test('boto3 SSE-KMS round trip', { skip: skipReason }, async () => {
  const script = join(repositoryRoot(), 'test/e2e/clients/boto3_sse_kms.py');
  const { stdout } = await execFileAsync(PYTHON_PATH, [script], {
    env: {
      PATH: process.env.PATH,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      STRONGROOM_TEST_ENDPOINT: server.endpoint,
      STRONGROOM_TEST_REGION: server.region,
      STRONGROOM_TEST_ACCESS_KEY_ID: server.rootCredentials.accessKeyId,
      STRONGROOM_TEST_SECRET_ACCESS_KEY: server.rootCredentials.secretAccessKey,
    },
  });
  const observed = JSON.parse(stdout);

  assert.match(observed.keyArn, /^arn:aws:kms:us-east-1:111122223333:key\//);
  assert.equal(observed.putEncryption, 'aws:kms');
  assert.equal(observed.putKeyId, observed.keyArn);
  assert.equal(observed.getEncryption, 'aws:kms');
  assert.equal(observed.getKeyId, observed.keyArn);
  assert.deepEqual(observed.metadata, { origin: 'boto3' });
  assert.equal(observed.identical, true);
  assert.deepEqual(observed.missingKeyError, { code: 'KMS.NotFoundException', status: 400 });
  assert.deepEqual(observed.listedKeys, ['nested/boto3 object.bin']);
  assert.equal(observed.encryptKeyId, observed.keyArn);
  assert.equal(observed.decryptKeyId, observed.keyArn);
  assert.equal(observed.decryptedText, 'hello');
});
