import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LocalFileRootKeystore } from './local-file-root-keystore.js';
import { RootKeyUnsealError } from './root-keystore.js';

const context = Buffer.from('arn:aws:kms:us-east-1:111122223333:key/example');

test('seal and unseal round trip', () => {
  const keystore = new LocalFileRootKeystore(randomBytes(32));
  const secret = randomBytes(32);

  const sealed = keystore.seal(secret, context);

  assert.ok(!sealed.includes(secret), 'sealed value contains the plaintext');
  assert.deepEqual(keystore.unseal(sealed, context), secret);
});

test('unseal rejects any altered byte', () => {
  const keystore = new LocalFileRootKeystore(randomBytes(32));
  const sealed = keystore.seal(Buffer.from('material'), context);

  for (let index = 0; index < sealed.length; index += 1) {
    const tampered = Buffer.from(sealed);
    tampered[index] = tampered[index]! ^ 0x01;
    assert.throws(() => keystore.unseal(tampered, context), RootKeyUnsealError, `byte ${index}`);
  }
});

test('unseal rejects other associated data', () => {
  const keystore = new LocalFileRootKeystore(randomBytes(32));
  const sealed = keystore.seal(Buffer.from('material'), context);

  assert.throws(() => keystore.unseal(sealed, Buffer.from('another record')), RootKeyUnsealError);
});

test('unseal rejects truncated values', () => {
  const keystore = new LocalFileRootKeystore(randomBytes(32));
  const sealed = keystore.seal(Buffer.from('material'), context);

  assert.throws(() => keystore.unseal(sealed.subarray(0, 10), context), RootKeyUnsealError);
  assert.throws(() => keystore.unseal(Buffer.alloc(0), context), RootKeyUnsealError);
});

test('open creates a 0600 key file once', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'strongroom-rootkey-'));
  try {
    const path = join(folder, 'root.key');
    const first = await LocalFileRootKeystore.open(path);
    const second = await LocalFileRootKeystore.open(path);

    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal((await stat(path)).mode & 0o777, 0o600);

    const sealed = first.keystore.seal(Buffer.from('x'), context);
    assert.deepEqual(second.keystore.unseal(sealed, context), Buffer.from('x'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('open rejects a key file readable by others', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'strongroom-rootkey-'));
  try {
    const path = join(folder, 'root.key');
    await LocalFileRootKeystore.open(path);
    await chmod(path, 0o644);

    await assert.rejects(LocalFileRootKeystore.open(path), /readable by group or others/);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
