import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KmsErrorType } from '../kms-errors.js';
import { ACCOUNT_ID, createTestKms, OTHER_ACCOUNT_ID, REGION, rootPrincipal, expectKmsError } from '../kms-test-fixture.js';

const root = rootPrincipal();


test('CreateAlias with a key ARN target and ListAliases', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});

  await kms.createAlias(root, { AliasName: 'alias/app', TargetKeyId: key.Arn });
  const { Aliases, Truncated } = await kms.listAliases(root, {});

  assert.equal(Truncated, false);
  assert.equal(Aliases.length, 1);
  assert.equal(Aliases[0]!.AliasName, 'alias/app');
  assert.equal(Aliases[0]!.AliasArn, `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/app`);
  assert.equal(Aliases[0]!.TargetKeyId, key.KeyId);
  assert.ok(Aliases[0]!.CreationDate instanceof Date);
  assert.ok(Aliases[0]!.LastUpdateDate instanceof Date);
});

test('CreateAlias name rules', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});
  await kms.createAlias(root, { AliasName: 'alias/taken', TargetKeyId: key.KeyId });

  const cases: Array<[string, KmsErrorType, string | RegExp]> = [
    ['app', 'ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'],
    ['alias/with space', 'ValidationException', "1 validation error detected: Value 'alias/with space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"],
    [`alias/${'a'.repeat(251)}`, 'ValidationException', /Member must have length less than or equal to 256/],
    ['alias/a:b', 'ValidationException', 'alias/a:b contains invalid characters for an alias'],
    ['alias/', 'InvalidAliasNameException', /no name after the alias\/ prefix/],
    ['alias/aws/s3', 'NotAuthorizedException', /reserved for AWS managed keys/],
    ['alias/aws/mine', 'NotAuthorizedException', /reserved for AWS managed keys/],
    ['alias/taken', 'AlreadyExistsException', `An alias with the name arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/taken already exists`],
  ];

  for (const [aliasName, type, message] of cases) {
    await assert.rejects(kms.createAlias(root, { AliasName: aliasName, TargetKeyId: key.KeyId }), expectKmsError(type, message), aliasName);
  }

  await kms.createAlias(root, { AliasName: `alias/${'a'.repeat(250)}`, TargetKeyId: key.KeyId });
  await kms.createAlias(root, { AliasName: 'alias/Team_A/app-1', TargetKeyId: key.KeyId });
});

test('CreateAlias target must be a key of the account', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});
  const { KeyMetadata: otherKey } = await kms.createKey(rootPrincipal(OTHER_ACCOUNT_ID), {});
  await kms.createAlias(root, { AliasName: 'alias/first', TargetKeyId: key.KeyId });

  await assert.rejects(kms.createAlias(root, { AliasName: 'alias/second', TargetKeyId: 'alias/first' }), expectKmsError('NotFoundException', "Invalid keyId 'alias/first'"));
  await assert.rejects(kms.createAlias(root, { AliasName: 'alias/second', TargetKeyId: otherKey.Arn }), expectKmsError('NotFoundException', `Key '${otherKey.Arn}' does not exist`));
});

test('aliases are per account', async () => {
  const { kms } = createTestKms();
  const other = rootPrincipal(OTHER_ACCOUNT_ID);
  const { KeyMetadata: mine } = await kms.createKey(root, {});
  const { KeyMetadata: theirs } = await kms.createKey(other, {});

  await kms.createAlias(root, { AliasName: 'alias/shared-name', TargetKeyId: mine.KeyId });
  await kms.createAlias(other, { AliasName: 'alias/shared-name', TargetKeyId: theirs.KeyId });

  assert.equal((await kms.describeKey(root, { KeyId: 'alias/shared-name' })).KeyMetadata.Arn, mine.Arn);
  assert.equal((await kms.describeKey(other, { KeyId: 'alias/shared-name' })).KeyMetadata.Arn, theirs.Arn);
  assert.deepEqual((await kms.listAliases(root, {})).Aliases.map((alias) => alias.TargetKeyId), [mine.KeyId]);
});

test('UpdateAlias moves an alias', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: first } = await kms.createKey(root, {});
  const { KeyMetadata: second } = await kms.createKey(root, {});
  await kms.createAlias(root, { AliasName: 'alias/moving', TargetKeyId: first.KeyId });

  await kms.updateAlias(root, { AliasName: 'alias/moving', TargetKeyId: second.Arn });
  assert.equal((await kms.describeKey(root, { KeyId: 'alias/moving' })).KeyMetadata.KeyId, second.KeyId);

  await assert.rejects(kms.updateAlias(root, { AliasName: 'alias/missing', TargetKeyId: second.KeyId }), expectKmsError('NotFoundException', `Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/missing is not found.`));
});

test('DeleteAlias', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: key } = await kms.createKey(root, {});
  await kms.createAlias(root, { AliasName: 'alias/temporary', TargetKeyId: key.KeyId });

  await kms.deleteAlias(root, { AliasName: 'alias/temporary' });
  assert.deepEqual((await kms.listAliases(root, {})).Aliases, []);
  await assert.rejects(kms.describeKey(root, { KeyId: 'alias/temporary' }), expectKmsError('NotFoundException'));
  await assert.rejects(kms.deleteAlias(root, { AliasName: 'alias/temporary' }), expectKmsError('NotFoundException', `Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/temporary is not found.`));
});

test('ListAliases pages and filters by key', async () => {
  const { kms } = createTestKms();
  const { KeyMetadata: first } = await kms.createKey(root, {});
  const { KeyMetadata: second } = await kms.createKey(root, {});
  const names = ['alias/a', 'alias/b', 'alias/c', 'alias/d', 'alias/e'];
  for (const [index, name] of names.entries()) {
    await kms.createAlias(root, { AliasName: name, TargetKeyId: index % 2 === 0 ? first.KeyId : second.KeyId });
  }

  const listed: string[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.listAliases(root, { Limit: 2, ...(marker ? { Marker: marker } : {}) });
    assert.ok(page.Aliases.length <= 2);
    listed.push(...page.Aliases.map((alias) => alias.AliasName));
    marker = page.NextMarker;
    assert.equal(page.Truncated, marker !== undefined);
  } while (marker);
  assert.deepEqual(listed, names);

  const forSecond = await kms.listAliases(root, { KeyId: second.Arn });
  assert.deepEqual(forSecond.Aliases.map((alias) => alias.AliasName), ['alias/b', 'alias/d']);

  await assert.rejects(kms.listAliases(root, { Limit: 101 }), expectKmsError('ValidationException', /less than or equal to 100/));
  await assert.rejects(kms.listAliases(root, { Marker: 'bm90LWEtbWFya2Vy' }), expectKmsError('InvalidMarkerException'));
});
