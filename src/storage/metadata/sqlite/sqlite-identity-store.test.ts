import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openSqliteDatabase } from './sqlite-database.js';
import { SqliteIdentityStore } from './sqlite-identity-store.js';
import { LocalFileRootKeystore } from '../../../kms/root-keystores/local-file-root-keystore.js';
import { IdentityError } from '../../../identity/identity-store.js';

function createStore(): { store: SqliteIdentityStore; database: ReturnType<typeof openSqliteDatabase> } {
  const database = openSqliteDatabase(':memory:');
  return { store: new SqliteIdentityStore(database, new LocalFileRootKeystore(randomBytes(32))), database };
}

const pair = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

test('root access key resolves to the account root', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');
  await store.putAccessKey('111122223333', undefined, pair);

  const credential = await store.lookupCredential(pair.accessKeyId);

  assert.equal(credential?.secretAccessKey, pair.secretAccessKey);
  assert.equal(credential?.principal.type, 'root');
  assert.equal(credential?.principal.arn, 'arn:aws:iam::111122223333:root');
});

test('user access key resolves to the user', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');
  const user = await store.createUser('111122223333', 'IAMuser');
  await store.putAccessKey('111122223333', 'IAMuser', pair);

  const credential = await store.lookupCredential(pair.accessKeyId);

  assert.equal(credential?.principal.type, 'user');
  assert.equal(credential?.principal.arn, 'arn:aws:iam::111122223333:user/IAMuser');
  assert.equal(credential?.principal.principalId, user.userId);
  assert.match(user.userId, /^AIDA[A-Z2-7]{17}$/);
});

test('secrets are stored sealed', async () => {
  const { store, database } = createStore();
  await store.ensureAccount('111122223333');
  await store.putAccessKey('111122223333', undefined, pair);

  const row = database.prepare('SELECT sealed_secret FROM access_keys').get() as { sealed_secret: Buffer };

  assert.equal(row.sealed_secret.includes(Buffer.from(pair.secretAccessKey)), false);
});

test('unknown access key is undefined', async () => {
  const { store } = createStore();

  assert.equal(await store.lookupCredential('AKIANOSUCHKEY0000000'), undefined);
});

test('duplicate user name is rejected', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');
  await store.createUser('111122223333', 'IAMuser');

  await assert.rejects(store.createUser('111122223333', 'IAMuser'), (error: unknown) => error instanceof IdentityError && error.code === 'EntityAlreadyExists');
});

test('access key id reused with another secret is rejected', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');
  await store.putAccessKey('111122223333', undefined, pair);
  await store.putAccessKey('111122223333', undefined, pair);

  await assert.rejects(store.putAccessKey('111122223333', undefined, { ...pair, secretAccessKey: 'another-secret-value-0000' }), IdentityError);
});

test('access key for a missing user is rejected', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');

  await assert.rejects(store.putAccessKey('111122223333', 'nobody', pair), (error: unknown) => error instanceof IdentityError && error.code === 'NoSuchEntity');
});

test('invalid user name is rejected', async () => {
  const { store } = createStore();
  await store.ensureAccount('111122223333');

  await assert.rejects(store.createUser('111122223333', 'bad name'), (error: unknown) => error instanceof IdentityError && error.code === 'ValidationError');
});
