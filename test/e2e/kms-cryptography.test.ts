/**
 * Encrypt, Decrypt and GenerateDataKey through @aws-sdk/client-kms against a
 * real server process, with the example key policy deciding who may use a key.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { startServer, type RunningServer, type TestCredentials } from '../support/server-harness.js';
import { repositoryRoot } from '../support/repository-root.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const ACCOUNT_ID = '111122223333';
const plaintext = Buffer.from('The quick brown fox jumps over the lazy dog');

let server: RunningServer;
let root: KMSClient;
let iamUser: KMSClient;
let otherUser: KMSClient;
let keyA: KeyMetadata;
let keyB: KeyMetadata;

function kmsClient(credentials: TestCredentials): KMSClient {
  return new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
}

function keyIdForms(key: KeyMetadata, aliasName: string): string[] {
  return [key.KeyId!, key.Arn!, aliasName, `arn:aws:kms:${server.region}:${ACCOUNT_ID}:${aliasName}`];
}

before(async () => {
  server = await startServer({ accountId: ACCOUNT_ID });
  root = kmsClient(server.rootCredentials);
  iamUser = kmsClient(await server.createUser('IAMuser'));
  otherUser = kmsClient(await server.createUser('OtherUser'));

  const policy = await readFile(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
  keyA = (await root.send(new CreateKeyCommand({ Description: 'key A', Policy: policy }))).KeyMetadata!;
  keyB = (await root.send(new CreateKeyCommand({ Description: 'key B' }))).KeyMetadata!;
  await root.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyA.Arn }));
  await root.send(new CreateAliasCommand({ AliasName: 'alias/other', TargetKeyId: keyB.KeyId }));
});

after(async () => {
  for (const client of [root, iamUser, otherUser]) {
    client?.destroy();
  }
  await server?.stop();
});

test('Encrypt and GenerateDataKey name the key ARN for every KeyId form', async () => {
  for (const keyId of keyIdForms(keyA, 'alias/app')) {
    const encrypted = await root.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    assert.equal(encrypted.KeyId, keyA.Arn, keyId);
    assert.equal(encrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');

    const dataKey = await root.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    assert.equal(dataKey.KeyId, keyA.Arn, keyId);
    assert.equal(dataKey.Plaintext?.length, 32);

    const withoutPlaintext = await root.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 64 }));
    assert.equal(withoutPlaintext.KeyId, keyA.Arn, keyId);
    assert.equal('Plaintext' in withoutPlaintext, false);
  }
});

test('Decrypt finds the key with or without KeyId', async () => {
  const { CiphertextBlob } = await root.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: plaintext, EncryptionContext: { purpose: 'e2e' } }));

  for (const keyId of [undefined, ...keyIdForms(keyA, 'alias/app')]) {
    const decrypted = await root.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { purpose: 'e2e' }, KeyId: keyId }));
    assert.equal(decrypted.KeyId, keyA.Arn, String(keyId));
    assert.deepEqual(Buffer.from(decrypted.Plaintext!), plaintext, String(keyId));
  }

  const dataKey = await root.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', NumberOfBytes: 16 }));
  const decryptedDataKey = await root.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
  assert.deepEqual(Buffer.from(decryptedDataKey.Plaintext!), Buffer.from(dataKey.Plaintext!));
});

test('Decrypt failures', async () => {
  const { CiphertextBlob } = await root.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext, EncryptionContext: { purpose: 'e2e' } }));
  const blob = Buffer.from(CiphertextBlob!);

  for (const keyId of keyIdForms(keyB, 'alias/other')) {
    await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'e2e' }, KeyId: keyId })), { name: 'IncorrectKeyException' }, keyId);
  }

  await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob: blob.subarray(0, blob.length - 5), EncryptionContext: { purpose: 'e2e' } })), { name: 'InvalidCiphertextException' });
  await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob: blob.subarray(0, 8) })), { name: 'InvalidCiphertextException' });
  await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'other' } })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, 'InvalidCiphertextException');
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob: blob })), { name: 'InvalidCiphertextException' });
});

test('disabled key', async () => {
  const { KeyMetadata: key } = await root.send(new CreateKeyCommand({ Description: 'to disable' }));
  const { CiphertextBlob } = await root.send(new EncryptCommand({ KeyId: key!.KeyId, Plaintext: plaintext }));
  await root.send(new DisableKeyCommand({ KeyId: key!.KeyId }));

  const isDisabled = (error: Error) => {
    assert.equal(error.name, 'DisabledException');
    assert.equal(error.message, `${key!.Arn} is disabled.`);
    return true;
  };
  await assert.rejects(root.send(new EncryptCommand({ KeyId: key!.KeyId, Plaintext: plaintext })), isDisabled);
  await assert.rejects(root.send(new DecryptCommand({ CiphertextBlob })), isDisabled);
  await assert.rejects(root.send(new GenerateDataKeyCommand({ KeyId: key!.Arn, KeySpec: 'AES_128' })), isDisabled);

  await root.send(new EnableKeyCommand({ KeyId: key!.KeyId }));
  assert.deepEqual(Buffer.from((await root.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!), plaintext);
});

test('example policy: IAMuser may use the key, OtherUser may not', async () => {
  const encrypted = await iamUser.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext }));
  assert.equal(encrypted.KeyId, keyA.Arn);
  assert.deepEqual(Buffer.from((await iamUser.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }))).Plaintext!), plaintext);
  assert.equal((await iamUser.send(new GenerateDataKeyCommand({ KeyId: keyA.Arn, KeySpec: 'AES_256' }))).KeyId, keyA.Arn);

  const denied = (action: string) => (error: Error) => {
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.message, `User: arn:aws:iam::${ACCOUNT_ID}:user/OtherUser is not authorized to perform: ${action} on resource: ${keyA.Arn} because no resource-based policy allows the ${action} action`);
    return true;
  };
  await assert.rejects(otherUser.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext })), denied('kms:Encrypt'));
  await assert.rejects(otherUser.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })), denied('kms:Decrypt'));
  await assert.rejects(otherUser.send(new GenerateDataKeyCommand({ KeyId: keyA.KeyId, KeySpec: 'AES_256' })), denied('kms:GenerateDataKey'));

  // Key B has the default policy, which names only the account root.
  await assert.rejects(iamUser.send(new EncryptCommand({ KeyId: keyB.KeyId, Plaintext: plaintext })), { name: 'AccessDeniedException' });
});

test('wrong credentials are rejected', async () => {
  const unknown = kmsClient({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'not-a-real-secret-not-a-real-secret' });
  await assert.rejects(unknown.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: plaintext })), { name: 'UnrecognizedClientException' });
  unknown.destroy();

  const wrongSecret = kmsClient({ accessKeyId: server.rootCredentials.accessKeyId, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret' });
  await assert.rejects(wrongSecret.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: plaintext })), { name: 'InvalidSignatureException' });
  wrongSecret.destroy();
});
