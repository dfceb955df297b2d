import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../../test/support/repository-root.js';
import { ACCOUNT_ID, createTestKms, expectKmsError, OTHER_ACCOUNT_ID, REGION, rootPrincipal, userPrincipal, type TestKms } from '../kms-test-fixture.js';

const examplePolicy = readFileSync(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
const root = rootPrincipal();
const plaintext = Buffer.from('four score and seven years ago');

async function createKeyWithAlias(testKms: TestKms, aliasName: string, policy?: string) {
  const { KeyMetadata: key } = await testKms.kms.createKey(root, policy ? { Policy: policy } : {});
  await testKms.kms.createAlias(root, { AliasName: aliasName, TargetKeyId: key.KeyId });
  return key;
}

test('Encrypt and Decrypt with every KeyId form', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const key = await createKeyWithAlias(testKms, 'alias/app');
  const identifiers = [key.KeyId, key.Arn, 'alias/app', `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/app`];

  for (const keyId of identifiers) {
    const encrypted = await kms.encrypt(root, { KeyId: keyId, Plaintext: plaintext, EncryptionContext: { purpose: 'test' } });
    assert.equal(encrypted.KeyId, key.Arn, keyId);
    assert.equal(encrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    assert.equal(encrypted.CiphertextBlob.indexOf(plaintext), -1);

    for (const decryptKeyId of [undefined, ...identifiers]) {
      const decrypted = await kms.decrypt(root, { CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'test' }, ...(decryptKeyId ? { KeyId: decryptKeyId } : {}) });
      assert.deepEqual(decrypted.Plaintext, plaintext, `${keyId} / ${decryptKeyId}`);
      assert.equal(decrypted.KeyId, key.Arn);
      assert.equal(decrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    }
  }
});

test('Decrypt failures', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const keyA = await createKeyWithAlias(testKms, 'alias/a');
  const keyB = await createKeyWithAlias(testKms, 'alias/b');
  const { CiphertextBlob: blob } = await kms.encrypt(root, { KeyId: keyA.KeyId, Plaintext: plaintext, EncryptionContext: { team: 'blue' } });

  for (const wrongKey of [keyB.KeyId, keyB.Arn, 'alias/b']) {
    await assert.rejects(
      kms.decrypt(root, { CiphertextBlob: blob, EncryptionContext: { team: 'blue' }, KeyId: wrongKey }),
      expectKmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.'),
    );
  }

  await assert.rejects(kms.decrypt(root, { CiphertextBlob: blob.subarray(0, blob.length - 1), EncryptionContext: { team: 'blue' } }), expectKmsError('InvalidCiphertextException'));
  await assert.rejects(kms.decrypt(root, { CiphertextBlob: blob.subarray(0, 10) }), expectKmsError('InvalidCiphertextException'));
  await assert.rejects(kms.decrypt(root, { CiphertextBlob: blob, EncryptionContext: { team: 'red' } }), expectKmsError('InvalidCiphertextException'));
  await assert.rejects(kms.decrypt(root, { CiphertextBlob: blob }), expectKmsError('InvalidCiphertextException'));

  // A blob naming a key this server never made.
  const unknownKey = Buffer.from(blob);
  unknownKey[3] = unknownKey[3]! ^ 0xff;
  await assert.rejects(kms.decrypt(root, { CiphertextBlob: unknownKey, EncryptionContext: { team: 'blue' } }), expectKmsError('InvalidCiphertextException'));

  await assert.rejects(kms.decrypt(root, { CiphertextBlob: Buffer.alloc(6145) }), expectKmsError('ValidationException', "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144"));
});

test('disabled keys refuse cryptographic operations', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const key = await createKeyWithAlias(testKms, 'alias/off');
  const { CiphertextBlob } = await kms.encrypt(root, { KeyId: key.KeyId, Plaintext: plaintext });
  await kms.disableKey(root, { KeyId: key.KeyId });

  const disabled = expectKmsError('DisabledException', `${key.Arn} is disabled.`);
  await assert.rejects(kms.encrypt(root, { KeyId: 'alias/off', Plaintext: plaintext }), disabled);
  await assert.rejects(kms.decrypt(root, { CiphertextBlob }), disabled);
  await assert.rejects(kms.generateDataKey(root, { KeyId: key.KeyId, KeySpec: 'AES_256' }), disabled);
  await assert.rejects(kms.generateDataKeyWithoutPlaintext(root, { KeyId: key.KeyId, NumberOfBytes: 16 }), disabled);

  await kms.enableKey(root, { KeyId: key.KeyId });
  assert.deepEqual((await kms.decrypt(root, { CiphertextBlob })).Plaintext, plaintext);
});

test('GenerateDataKey sizes and round trip', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const key = await createKeyWithAlias(testKms, 'alias/data');
  const cases: Array<[object, number]> = [
    [{ KeySpec: 'AES_256' }, 32],
    [{ KeySpec: 'AES_128' }, 16],
    [{ NumberOfBytes: 1 }, 1],
    [{ NumberOfBytes: 1024 }, 1024],
  ];

  for (const [size, bytes] of cases) {
    const generated = await kms.generateDataKey(root, { KeyId: 'alias/data', EncryptionContext: { object: 'a' }, ...size });
    assert.equal(generated.Plaintext.length, bytes);
    assert.equal(generated.KeyId, key.Arn);

    const decrypted = await kms.decrypt(root, { CiphertextBlob: generated.CiphertextBlob, EncryptionContext: { object: 'a' } });
    assert.deepEqual(decrypted.Plaintext, generated.Plaintext);
  }

  const withoutPlaintext = await kms.generateDataKeyWithoutPlaintext(root, { KeyId: key.Arn, KeySpec: 'AES_256' });
  assert.equal('Plaintext' in withoutPlaintext, false);
  assert.equal((await kms.decrypt(root, { CiphertextBlob: withoutPlaintext.CiphertextBlob })).Plaintext.length, 32);
});

test('request validation', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const key = await createKeyWithAlias(testKms, 'alias/valid');

  await assert.rejects(kms.encrypt(root, { KeyId: key.KeyId, Plaintext: Buffer.alloc(4097) }), expectKmsError('ValidationException', "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"));
  await assert.rejects(kms.encrypt(root, { KeyId: key.KeyId, Plaintext: Buffer.alloc(0) }), expectKmsError('ValidationException', /greater than or equal to 1/));
  await assert.rejects(kms.encrypt(root, { KeyId: key.KeyId } as never), expectKmsError('ValidationException', "1 validation error detected: Value null at 'plaintext' failed to satisfy constraint: Member must not be null"));
  await assert.rejects(kms.encrypt(root, { KeyId: key.KeyId, Plaintext: plaintext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }), expectKmsError('InvalidKeyUsageException'));
  await assert.rejects(kms.generateDataKey(root, { KeyId: key.KeyId, NumberOfBytes: 1025 }), expectKmsError('ValidationException', "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"));
  await assert.rejects(kms.generateDataKey(root, { KeyId: key.KeyId, KeySpec: 'AES_512' }), expectKmsError('ValidationException', "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]"));
  await assert.rejects(kms.generateDataKey(root, { KeyId: key.KeyId }), expectKmsError('ValidationException', 'Please specify either number of bytes or key spec.'));
  await assert.rejects(kms.generateDataKey(root, { KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 }), expectKmsError('ValidationException'));
  await assert.rejects(
    kms.generateDataKey(root, { KeyId: '', NumberOfBytes: 0 }),
    expectKmsError('ValidationException', /^1 validation error detected: Value '' at 'keyId'/),
  );
});

test('DryRun stops before doing the work', async () => {
  const testKms = createTestKms();
  const key = await createKeyWithAlias(testKms, 'alias/dry');

  await assert.rejects(testKms.kms.encrypt(root, { KeyId: key.KeyId, Plaintext: plaintext, DryRun: true }), expectKmsError('DryRunOperationException'));
  await assert.rejects(testKms.kms.encrypt(userPrincipal('nobody'), { KeyId: key.KeyId, Plaintext: plaintext, DryRun: true }), expectKmsError('AccessDeniedException'));
});

test('example key policy governs key use', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const key = await createKeyWithAlias(testKms, 'alias/example', examplePolicy);
  const iamUser = userPrincipal('IAMuser');
  const otherUser = userPrincipal('OtherUser');

  const encrypted = await kms.encrypt(iamUser, { KeyId: 'alias/example', Plaintext: plaintext });
  assert.deepEqual((await kms.decrypt(iamUser, { CiphertextBlob: encrypted.CiphertextBlob })).Plaintext, plaintext);
  assert.equal((await kms.generateDataKey(iamUser, { KeyId: key.KeyId, KeySpec: 'AES_256' })).KeyId, key.Arn);

  const denied = (action: string) =>
    expectKmsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT_ID}:user/OtherUser is not authorized to perform: ${action} on resource: ${key.Arn} because no resource-based policy allows the ${action} action`);
  await assert.rejects(kms.encrypt(otherUser, { KeyId: 'alias/example', Plaintext: plaintext }), denied('kms:Encrypt'));
  await assert.rejects(kms.decrypt(otherUser, { CiphertextBlob: encrypted.CiphertextBlob }), denied('kms:Decrypt'));
  await assert.rejects(kms.generateDataKeyWithoutPlaintext(otherUser, { KeyId: key.KeyId, KeySpec: 'AES_256' }), denied('kms:GenerateDataKeyWithoutPlaintext'));
});

test('encryption context conditions in a key policy', async () => {
  const testKms = createTestKms();
  const policy = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:user/app` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 'acme' } } },
    ],
  });
  const key = await createKeyWithAlias(testKms, 'alias/tenant', policy);
  const app = userPrincipal('app');

  const { CiphertextBlob } = await testKms.kms.encrypt(app, { KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: { tenant: 'acme' } });
  await testKms.kms.decrypt(app, { CiphertextBlob, EncryptionContext: { tenant: 'acme' } });
  await assert.rejects(testKms.kms.encrypt(app, { KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: { tenant: 'other' } }), expectKmsError('AccessDeniedException'));
  await assert.rejects(testKms.kms.encrypt(app, { KeyId: key.KeyId, Plaintext: plaintext }), expectKmsError('AccessDeniedException'));
});

test('cross-account decrypt follows the key policy', async () => {
  const testKms = createTestKms();
  const { kms } = testKms;
  const other = rootPrincipal(OTHER_ACCOUNT_ID);
  const sharing = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  });
  const { KeyMetadata: otherKey } = await kms.createKey(other, { Policy: sharing });
  const { CiphertextBlob } = await kms.encrypt(other, { KeyId: otherKey.KeyId, Plaintext: plaintext });

  const decrypted = await kms.decrypt(root, { CiphertextBlob });
  assert.equal(decrypted.KeyId, otherKey.Arn);
  assert.deepEqual(decrypted.Plaintext, plaintext);

  await assert.rejects(kms.encrypt(root, { KeyId: otherKey.Arn, Plaintext: plaintext }), expectKmsError('AccessDeniedException'));
  await assert.rejects(kms.decrypt(rootPrincipal('777788889999'), { CiphertextBlob }), expectKmsError('AccessDeniedException'));
});
