/**
 * KMS key, alias and key policy operations through @aws-sdk/client-kms against
 * a real server process.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { startServer, type RunningServer, type TestCredentials } from '../support/server-harness.js';
import { repositoryRoot } from '../support/repository-root.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const ACCOUNT_ID = '111122223333';

let server: RunningServer;
let root: KMSClient;
let examplePolicy: string;

function kmsClient(credentials: TestCredentials): KMSClient {
  return new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
}

before(async () => {
  server = await startServer({ accountId: ACCOUNT_ID });
  root = kmsClient(server.rootCredentials);
  examplePolicy = await readFile(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
});

after(async () => {
  root?.destroy();
  await server?.stop();
});

test('CreateKey with the example policy', async () => {
  const created = await root.send(new CreateKeyCommand({ Description: 'example', Policy: examplePolicy }));
  const metadata = created.KeyMetadata!;

  assert.match(metadata.Arn!, new RegExp(`^arn:aws:kms:${server.region}:${ACCOUNT_ID}:key/[0-9a-f-]{36}$`));
  assert.equal(metadata.AWSAccountId, ACCOUNT_ID);
  assert.equal(metadata.Description, 'example');
  assert.equal(metadata.KeyState, 'Enabled');
  assert.equal(metadata.KeyManager, 'CUSTOMER');
  assert.equal(metadata.KeySpec, 'SYMMETRIC_DEFAULT');
  assert.deepEqual(metadata.EncryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
  assert.ok(metadata.CreationDate instanceof Date);
  assert.ok(Math.abs(metadata.CreationDate.getTime() - Date.now()) < 60_000);

  const policy = await root.send(new GetKeyPolicyCommand({ KeyId: metadata.KeyId, PolicyName: 'default' }));
  assert.equal(policy.Policy, examplePolicy);
});

test('DescribeKey accepts every KeyId form', async () => {
  const { KeyMetadata: key } = await root.send(new CreateKeyCommand({ Description: 'forms' }));
  await root.send(new CreateAliasCommand({ AliasName: 'alias/forms', TargetKeyId: key!.Arn }));

  for (const keyId of [key!.KeyId!, key!.Arn!, 'alias/forms', `arn:aws:kms:${server.region}:${ACCOUNT_ID}:alias/forms`]) {
    const described = await root.send(new DescribeKeyCommand({ KeyId: keyId }));
    assert.equal(described.KeyMetadata?.Arn, key!.Arn, keyId);
    assert.equal(described.KeyMetadata?.KeyId, key!.KeyId, keyId);
  }
});

test('DescribeKey of missing keys', async () => {
  const cases: Array<[string, string]> = [
    ['00000000-0000-0000-0000-000000000000', `Key 'arn:aws:kms:${server.region}:${ACCOUNT_ID}:key/00000000-0000-0000-0000-000000000000' does not exist`],
    ['alias/missing', `Alias arn:aws:kms:${server.region}:${ACCOUNT_ID}:alias/missing is not found.`],
  ];

  for (const [keyId, message] of cases) {
    await assert.rejects(root.send(new DescribeKeyCommand({ KeyId: keyId })), (error: Error) => {
      assert.equal(error.name, 'NotFoundException');
      assert.equal(error.message, message);
      return true;
    });
  }
});

test('PutKeyPolicy and GetKeyPolicy round trip', async () => {
  const { KeyMetadata: key } = await root.send(new CreateKeyCommand({}));
  const initial = JSON.parse((await root.send(new GetKeyPolicyCommand({ KeyId: key!.KeyId }))).Policy!);
  assert.equal(initial.Statement[0].Sid, 'Enable IAM User Permissions');

  await root.send(new PutKeyPolicyCommand({ KeyId: key!.Arn, PolicyName: 'default', Policy: examplePolicy }));
  assert.equal((await root.send(new GetKeyPolicyCommand({ KeyId: key!.KeyId, PolicyName: 'default' }))).Policy, examplePolicy);

  await assert.rejects(root.send(new PutKeyPolicyCommand({ KeyId: key!.KeyId, Policy: '{"Statement": "nope"}' })), { name: 'MalformedPolicyDocumentException' });
});

test('key policy grants administration to IAMuser only', async () => {
  const iamUser = kmsClient(await server.createUser('KeyAdmin'));
  const other = kmsClient(await server.createUser('KeyOutsider'));
  const policy = examplePolicy.replaceAll('user/IAMuser', 'user/KeyAdmin');
  const { KeyMetadata: key } = await root.send(new CreateKeyCommand({ Policy: policy }));

  await iamUser.send(new DisableKeyCommand({ KeyId: key!.KeyId }));
  assert.equal((await iamUser.send(new DescribeKeyCommand({ KeyId: key!.KeyId }))).KeyMetadata?.KeyState, 'Disabled');
  await iamUser.send(new EnableKeyCommand({ KeyId: key!.KeyId }));

  await assert.rejects(other.send(new DescribeKeyCommand({ KeyId: key!.KeyId })), (error: Error) => {
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(
      error.message,
      `User: arn:aws:iam::${ACCOUNT_ID}:user/KeyOutsider is not authorized to perform: kms:DescribeKey on resource: ${key!.Arn} because no resource-based policy allows the kms:DescribeKey action`,
    );
    return true;
  });

  iamUser.destroy();
  other.destroy();
});

test('aliases: create, update, delete and list with paging', async () => {
  const { KeyMetadata: first } = await root.send(new CreateKeyCommand({}));
  const { KeyMetadata: second } = await root.send(new CreateKeyCommand({}));
  const names = ['alias/page-1', 'alias/page-2', 'alias/page-3', 'alias/page-4', 'alias/page-5'];
  for (const name of names) {
    await root.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: first!.Arn }));
  }

  const listed: string[] = [];
  let marker: string | undefined;
  do {
    const page = await root.send(new ListAliasesCommand({ KeyId: first!.KeyId, Limit: 2, Marker: marker }));
    assert.ok(page.Aliases!.length <= 2);
    for (const alias of page.Aliases!) {
      assert.equal(alias.TargetKeyId, first!.KeyId);
      assert.equal(alias.AliasArn, `arn:aws:kms:${server.region}:${ACCOUNT_ID}:${alias.AliasName}`);
      listed.push(alias.AliasName!);
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  assert.deepEqual(listed, names);

  await root.send(new UpdateAliasCommand({ AliasName: 'alias/page-1', TargetKeyId: second!.KeyId }));
  assert.equal((await root.send(new DescribeKeyCommand({ KeyId: 'alias/page-1' }))).KeyMetadata?.KeyId, second!.KeyId);

  await root.send(new DeleteAliasCommand({ AliasName: 'alias/page-1' }));
  await assert.rejects(root.send(new DescribeKeyCommand({ KeyId: 'alias/page-1' })), { name: 'NotFoundException' });

  await assert.rejects(root.send(new CreateAliasCommand({ AliasName: 'alias/page-2', TargetKeyId: second!.KeyId })), { name: 'AlreadyExistsException' });
  await assert.rejects(root.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: second!.KeyId })), { name: 'ValidationException' });
  await assert.rejects(root.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: second!.KeyId })), { name: 'NotAuthorizedException' });
});

test('ListKeys pages through every key', async () => {
  for (let i = 0; i < 3; i += 1) {
    await root.send(new CreateKeyCommand({ Description: `paging ${i}` }));
  }
  const all = await root.send(new ListKeysCommand({}));
  assert.equal(all.Truncated, false);

  const paged: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await root.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
    pages += 1;
    paged.push(...page.Keys!.map((key) => key.KeyArn!));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);

  assert.deepEqual(paged, all.Keys!.map((key) => key.KeyArn!));
  assert.equal(pages, Math.ceil(all.Keys!.length / 2));
  assert.ok(all.Keys!.length >= 3);

  await assert.rejects(root.send(new ListKeysCommand({ Marker: 'not-a-marker' })), { name: 'InvalidMarkerException' });
});
