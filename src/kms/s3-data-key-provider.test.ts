import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../test/support/repository-root.js';
import { DataKeyError } from '../s3/server-side-encryption/data-key-provider.js';
import { ACCOUNT_ID, createTestKms, expectKmsError, OTHER_ACCOUNT_ID, REGION, rootPrincipal, userPrincipal } from './kms-test-fixture.js';
import { createS3DataKeyProvider } from './s3-data-key-provider.js';

const examplePolicy = readFileSync(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
const root = rootPrincipal();
const objectContext = { 'aws:s3:arn': 'arn:aws:s3:::example-bucket/example_image.jpg' };

function dataKeyError(kmsErrorType: string, message?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DataKeyError, `expected a DataKeyError, got ${String(error)}`);
    assert.equal(error.kmsErrorType, kmsErrorType);
    if (message) {
      assert.match(error.message, message);
    }
    return true;
  };
}

test('default key is the account AWS managed key', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);
  const alice = userPrincipal('alice');

  const generated = await provider.generateDataKey({ keyId: undefined, encryptionContext: objectContext, caller: alice });
  assert.equal(generated.plaintext.length, 32);
  assert.match(generated.keyArn, new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/`));

  const again = await provider.generateDataKey({ keyId: undefined, encryptionContext: objectContext, caller: root });
  assert.equal(again.keyArn, generated.keyArn);

  const decrypted = await provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: objectContext, caller: alice });
  assert.deepEqual(decrypted.plaintext, generated.plaintext);
  assert.equal(decrypted.keyArn, generated.keyArn);

  const { KeyMetadata: metadata } = await kms.describeKey(root, { KeyId: 'alias/aws/s3' });
  assert.equal(metadata.Arn, generated.keyArn);
  assert.equal(metadata.KeyManager, 'AWS');
  assert.equal(metadata.Description, 'Default key that protects my S3 objects when no other key is defined');

  const aliases = await kms.listAliases(root, {});
  assert.deepEqual(aliases.Aliases.map((alias) => alias.AliasName), ['alias/aws/s3']);
});

test('AWS managed key policy allows only use through S3', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);
  const generated = await provider.generateDataKey({ keyId: undefined, encryptionContext: objectContext, caller: root });

  const policy = JSON.parse((await kms.getKeyPolicy(root, { KeyId: generated.keyArn })).Policy);
  assert.deepEqual(policy.Statement[0].Principal, { AWS: '*' });
  assert.deepEqual(policy.Statement[0].Condition, { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID } });
  assert.deepEqual(policy.Statement[1].Action, ['kms:Describe*', 'kms:Get*', 'kms:List*']);

  await assert.rejects(kms.encrypt(root, { KeyId: 'alias/aws/s3', Plaintext: Buffer.from('direct') }), expectKmsError('AccessDeniedException'));
  await assert.rejects(kms.decrypt(root, { CiphertextBlob: generated.ciphertextBlob, EncryptionContext: objectContext }), expectKmsError('AccessDeniedException'));
  await assert.rejects(kms.disableKey(root, { KeyId: generated.keyArn }), expectKmsError('AccessDeniedException'));
  await assert.rejects(kms.createAlias(root, { AliasName: 'alias/s3-copy', TargetKeyId: generated.keyArn }), expectKmsError('AccessDeniedException'));

  // A principal of another account cannot decrypt through S3 either.
  await assert.rejects(
    provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: objectContext, caller: rootPrincipal(OTHER_ACCOUNT_ID) }),
    dataKeyError('AccessDeniedException'),
  );
});

test('concurrent first use creates one managed key', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);

  const results = await Promise.all(Array.from({ length: 8 }, () => provider.generateDataKey({ keyId: undefined, encryptionContext: objectContext, caller: root })));
  assert.equal(new Set(results.map((result) => result.keyArn)).size, 1);
  assert.equal((await kms.listKeys(root, {})).Keys.length, 1);
});

test('customer key through S3 with the example policy', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);
  const { KeyMetadata: key } = await kms.createKey(root, { Policy: examplePolicy });
  await kms.createAlias(root, { AliasName: 'alias/demo', TargetKeyId: key.KeyId });

  const iamUser = userPrincipal('IAMuser');
  const generated = await provider.generateDataKey({ keyId: 'alias/demo', encryptionContext: objectContext, caller: iamUser });
  assert.equal(generated.keyArn, key.Arn);
  assert.deepEqual((await provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: objectContext, caller: iamUser })).plaintext, generated.plaintext);

  const otherUser = userPrincipal('OtherUser');
  await assert.rejects(provider.generateDataKey({ keyId: 'alias/demo', encryptionContext: objectContext, caller: otherUser }), dataKeyError('AccessDeniedException', /OtherUser is not authorized to perform: kms:GenerateDataKey/));
  await assert.rejects(provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: objectContext, caller: otherUser }), dataKeyError('AccessDeniedException', /kms:Decrypt/));
});

test('KMS failures become DataKeyErrors', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);
  const { KeyMetadata: key } = await kms.createKey(root, {});
  const generated = await provider.generateDataKey({ keyId: key.KeyId, encryptionContext: objectContext, caller: root });

  await assert.rejects(provider.generateDataKey({ keyId: '00000000-0000-0000-0000-000000000000', encryptionContext: objectContext, caller: root }), dataKeyError('NotFoundException', /does not exist/));
  await assert.rejects(provider.generateDataKey({ keyId: 'alias/missing', encryptionContext: objectContext, caller: root }), dataKeyError('NotFoundException', /alias\/missing is not found/));
  await assert.rejects(
    provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::example-bucket/other' }, caller: root }),
    dataKeyError('InvalidCiphertextException'),
  );

  await kms.disableKey(root, { KeyId: key.KeyId });
  await assert.rejects(provider.decryptDataKey({ ciphertextBlob: generated.ciphertextBlob, encryptionContext: objectContext, caller: root }), dataKeyError('DisabledException', /is disabled\./));
});

test('ViaService condition admits S3 calls only', async () => {
  const { kms } = createTestKms();
  const provider = createS3DataKeyProvider(kms);
  const policy = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: ACCOUNT_ID }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/uploader` }, Action: 'kms:GenerateDataKey', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } } },
    ],
  });
  const { KeyMetadata: key } = await kms.createKey(root, { Policy: policy });
  const uploader = userPrincipal('uploader');

  await provider.generateDataKey({ keyId: key.KeyId, encryptionContext: objectContext, caller: uploader });
  await assert.rejects(kms.generateDataKey(uploader, { KeyId: key.KeyId, KeySpec: 'AES_256' }), expectKmsError('AccessDeniedException'));
});
