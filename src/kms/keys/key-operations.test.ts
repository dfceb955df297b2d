import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../../test/support/repository-root.js';
import type { KmsErrorType } from '../kms-errors.js';
import { ACCOUNT_ID, createTestKms, OTHER_ACCOUNT_ID, REGION, rootPrincipal, userPrincipal, expectKmsError } from '../kms-test-fixture.js';

const examplePolicy = readFileSync(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
const root = rootPrincipal();


test('CreateKey returns AWS key metadata', async () => {
  const { kms } = createTestKms();
  const before = Date.now();
  const { KeyMetadata: metadata } = await kms.createKey(root, { Description: 'test key' });

  assert.match(metadata.KeyId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(metadata.Arn, `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${metadata.KeyId}`);
  assert.equal(metadata.AWSAccountId, ACCOUNT_ID);
  assert.equal(metadata.Description, 'test key');
  assert.equal(metadata.Enabled, true);
  assert.equal(metadata.KeyState, 'Enabled');
  assert.equal(metadata.KeyUsage, 'ENCRYPT_DECRYPT');
  assert.equal(metadata.KeySpec, 'SYMMETRIC_DEFAULT');
  assert.equal(metadata.CustomerMasterKeySpec, 'SYMMETRIC_DEFAULT');
  assert.equal(metadata.KeyManager, 'CUSTOMER');
  assert.equal(metadata.Origin, 'AWS_KMS');
  assert.deepEqual(metadata.EncryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
  assert.equal(metadata.MultiRegion, false);
  assert.ok(metadata.CreationDate.getTime() >= before - 1000);
  assert.ok(metadata.CreationDate.getTime() <= Date.now() + 1000);
});

test('CreateKey without a policy attaches the default policy', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: metadata } = await kms.createKey(root, {});
  const { Policy, PolicyName } = await kms.getKeyPolicy(root, { KeyId: metadata.KeyId });

  assert.equal(PolicyName, 'default');
  assert.deepEqual(JSON.parse(Policy), {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' }],
  });
});

test('CreateKey rejects what it does not support', async () => {
  const { kms } = createTestKms();
  const cases: Array<[object, KmsErrorType, RegExp]> = [
    [{ KeySpec: 'RSA_2048' }, 'UnsupportedOperationException', /KeySpec RSA_2048 is not supported/],
    [{ CustomerMasterKeySpec: 'HMAC_256' }, 'UnsupportedOperationException', /KeySpec HMAC_256/],
    [{ KeySpec: 'AES_256' }, 'ValidationException', /Value 'AES_256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set/],
    [{ KeyUsage: 'SIGN_VERIFY' }, 'UnsupportedOperationException', /KeyUsage SIGN_VERIFY/],
    [{ Origin: 'EXTERNAL' }, 'UnsupportedOperationException', /Origin EXTERNAL/],
    [{ MultiRegion: true }, 'UnsupportedOperationException', /Multi-Region/],
    [{ KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' }, 'ValidationException', /cannot specify KeySpec and CustomerMasterKeySpec/],
    [{ Description: 'x'.repeat(8193) }, 'ValidationException', /^1 validation error detected: Value '.*' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/],
    [{ Policy: '{"Statement": []}' }, 'MalformedPolicyDocumentException', /at least one Statement/],
    [{ Tags: [{ TagKey: 'aws:team', TagValue: 'x' }] }, 'TagException', /reserved/],
    [{ Tags: [{ TagKey: 'team', TagValue: 'a' }, { TagKey: 'team', TagValue: 'b' }] }, 'TagException', /Duplicate tag key 'team'/],
  ];

  for (const [request, type, message] of cases) {
    await assert.rejects(kms.createKey(root, request), expectKmsError(type, message), JSON.stringify(request).slice(0, 80));
  }

  assert.deepEqual((await kms.listKeys(root, {})).Keys, []);
});

test('policy lockout safety check', async () => {
  const { kms } = createTestKms();
  const noAdmin = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }],
  });

  await assert.rejects(kms.createKey(root, { Policy: noAdmin }), expectKmsError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.'));

  const { KeyMetadata: bypassed } = await kms.createKey(root, { Policy: noAdmin, BypassPolicyLockoutSafetyCheck: true });
  await assert.rejects(kms.getKeyPolicy(root, { KeyId: bypassed.KeyId }), expectKmsError('AccessDeniedException'));

  // A user may create a key only the account root administers: the root can repair it.
  const { KeyMetadata: forRoot } = await kms.createKey(userPrincipal('alice'), { Policy: examplePolicy });
  assert.equal(forRoot.AWSAccountId, ACCOUNT_ID);
});

test('DescribeKey by every key identifier form', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: created } = await kms.createKey(root, { Description: 'described' });
  await kms.createAlias(root, { AliasName: 'alias/app', TargetKeyId: created.KeyId });

  const identifiers = [created.KeyId, created.KeyId.toUpperCase(), created.Arn, 'alias/app', `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/app`];
  for (const keyId of identifiers) {
    const { KeyMetadata: described } = await kms.describeKey(root, { KeyId: keyId });
    assert.equal(described.Arn, created.Arn, keyId);
    assert.equal(described.Description, 'described', keyId);
  }
});

test('DescribeKey not-found messages', async () => {
  const { kms } = createTestKms();
  const missingId = '00000000-0000-4000-8000-000000000000';
  const cases: Array<[string, string]> = [
    [missingId, `Key 'arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${missingId}' does not exist`],
    [`arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${missingId}`, `Key 'arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${missingId}' does not exist`],
    ['alias/missing', `Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/missing is not found.`],
    [`arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/missing`, `Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/missing is not found.`],
    ['fake-key-id', "Invalid keyId 'fake-key-id'"],
    [`arn:aws:kms:ap-southeast-1:${ACCOUNT_ID}:key/${missingId}`, 'Invalid arn ap-southeast-1'],
  ];

  for (const [keyId, message] of cases) {
    await assert.rejects(kms.describeKey(root, { KeyId: keyId }), expectKmsError('NotFoundException', message), keyId);
  }
  await assert.rejects(kms.describeKey(root, { KeyId: '' }), expectKmsError('ValidationException', /at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1/));
  await assert.rejects(kms.describeKey(root, {} as never), expectKmsError('ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"));
});

test('keys of another account', async () => {
  const { kms } = createTestKms();
  const other = rootPrincipal(OTHER_ACCOUNT_ID);
  const { KeyMetadata: otherKey } = await kms.createKey(other, {});

  // A bare key id always means the caller's account.
  await assert.rejects(kms.describeKey(root, { KeyId: otherKey.KeyId }), expectKmsError('NotFoundException', `Key 'arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${otherKey.KeyId}' does not exist`));

  // By ARN the key policy decides, and the default policy admits only the other account.
  await assert.rejects(kms.describeKey(root, { KeyId: otherKey.Arn }), expectKmsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT_ID}:root is not authorized to perform: kms:DescribeKey on resource: ${otherKey.Arn} because no resource-based policy allows the kms:DescribeKey action`));

  // Administrative operations never cross accounts.
  await assert.rejects(kms.disableKey(root, { KeyId: otherKey.Arn }), expectKmsError('NotFoundException', `Key '${otherKey.Arn}' does not exist`));

  const shared = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: ACCOUNT_ID }, Action: 'kms:DescribeKey', Resource: '*' },
    ],
  });
  await kms.putKeyPolicy(other, { KeyId: otherKey.KeyId, Policy: shared });
  const { KeyMetadata: described } = await kms.describeKey(root, { KeyId: otherKey.Arn });
  assert.equal(described.AWSAccountId, OTHER_ACCOUNT_ID);
});

test('ListKeys pages through the account keys', async () => {
  const { kms } = createTestKms();
  const created = new Set<string>();
  for (let i = 0; i < 5; i += 1) {
    created.add((await kms.createKey(root, {})).KeyMetadata.Arn);
  }
  await kms.createKey(rootPrincipal(OTHER_ACCOUNT_ID), {});

  const listed: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await kms.listKeys(root, { Limit: 2, ...(marker ? { Marker: marker } : {}) });
    pages += 1;
    assert.ok(page.Keys.length <= 2);
    listed.push(...page.Keys.map((key) => key.KeyArn));
    assert.equal(page.Truncated, page.NextMarker !== undefined);
    marker = page.NextMarker;
  } while (marker);

  assert.equal(pages, 3);
  assert.deepEqual(new Set(listed), created);
  assert.deepEqual(listed, [...listed].sort());

  const all = await kms.listKeys(root, {});
  assert.equal(all.Keys.length, 5);
  assert.equal(all.Truncated, false);
  assert.equal(all.NextMarker, undefined);
});

test('ListKeys rejects bad paging values', async () => {
  const { kms } = createTestKms();

  await assert.rejects(kms.listKeys(root, { Marker: 'garbage!' }), expectKmsError('InvalidMarkerException'));
  await assert.rejects(kms.listKeys(root, { Marker: Buffer.from('v1:not-a-key-id').toString('base64url') }), expectKmsError('InvalidMarkerException'));
  await assert.rejects(kms.listKeys(root, { Limit: 0 }), expectKmsError('ValidationException', "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  await assert.rejects(kms.listKeys(root, { Limit: 1001 }), expectKmsError('ValidationException', /less than or equal to 1000/));
});

test('DisableKey and EnableKey', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});

  await kms.disableKey(root, { KeyId: key.Arn });
  const disabled = (await kms.describeKey(root, { KeyId: key.KeyId })).KeyMetadata;
  assert.equal(disabled.Enabled, false);
  assert.equal(disabled.KeyState, 'Disabled');

  await kms.disableKey(root, { KeyId: key.KeyId });
  await kms.enableKey(root, { KeyId: key.KeyId });
  assert.equal((await kms.describeKey(root, { KeyId: key.KeyId })).KeyMetadata.KeyState, 'Enabled');

  await kms.createAlias(root, { AliasName: 'alias/state', TargetKeyId: key.KeyId });
  await assert.rejects(kms.disableKey(root, { KeyId: 'alias/state' }), expectKmsError('NotFoundException', "Invalid keyId 'alias/state'"));
});

test('key policy decides administration', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, { Policy: examplePolicy });
  const iamUser = userPrincipal('IAMuser');
  const otherUser = userPrincipal('OtherUser');

  await kms.disableKey(iamUser, { KeyId: key.KeyId });
  await kms.enableKey(iamUser, { KeyId: key.KeyId });
  assert.equal((await kms.getKeyPolicy(iamUser, { KeyId: key.KeyId })).Policy, examplePolicy);

  await assert.rejects(
    kms.disableKey(otherUser, { KeyId: key.KeyId }),
    expectKmsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT_ID}:user/OtherUser is not authorized to perform: kms:DisableKey on resource: ${key.Arn} because no resource-based policy allows the kms:DisableKey action`),
  );
  await assert.rejects(kms.getKeyPolicy(otherUser, { KeyId: key.KeyId }), expectKmsError('AccessDeniedException'));
});

test('PutKeyPolicy and GetKeyPolicy round trip', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});

  await kms.putKeyPolicy(root, { KeyId: key.Arn, Policy: examplePolicy, PolicyName: 'default' });
  assert.equal((await kms.getKeyPolicy(root, { KeyId: key.KeyId, PolicyName: 'default' })).Policy, examplePolicy);

  await assert.rejects(kms.getKeyPolicy(root, { KeyId: key.KeyId, PolicyName: 'other' }), expectKmsError('NotFoundException', 'No such policy exists'));
  await assert.rejects(kms.putKeyPolicy(root, { KeyId: key.KeyId, Policy: '{not json' }), expectKmsError('MalformedPolicyDocumentException', /not valid JSON/));
  await assert.rejects(
    kms.putKeyPolicy(root, { KeyId: key.KeyId, Policy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: 'nobody' }, Action: 'kms:*', Resource: '*' } }) }),
    expectKmsError('MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.'),
  );
  assert.equal((await kms.getKeyPolicy(root, { KeyId: key.KeyId })).Policy, examplePolicy);
});

test('explicit deny in a key policy', async () => {
  const { kms } = createTestKms();
  const policy = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: ACCOUNT_ID }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'kms:DisableKey', Resource: '*' },
    ],
  });
  const { KeyMetadata: key } = await kms.createKey(root, { Policy: policy });

  await assert.rejects(
    kms.disableKey(root, { KeyId: key.KeyId }),
    expectKmsError('AccessDeniedException', `User: arn:aws:iam::${ACCOUNT_ID}:root is not authorized to perform: kms:DisableKey on resource: ${key.Arn} with an explicit deny in a resource-based policy`),
  );
});
