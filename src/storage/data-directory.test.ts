import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDirectory } from './data-directory.js';

test('data folder files are private', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'strongroom-data-'));
  const previousUmask = process.umask(0o022);
  try {
    const data = await openDataDirectory(join(parent, 'data'));
    await data.identityStore.ensureAccount('111122223333');

    assert.equal((await stat(data.path)).mode & 0o777, 0o700);
    for (const name of await readdir(data.path)) {
      const mode = (await stat(join(data.path, name))).mode & 0o777;
      assert.equal(mode & 0o077, 0, `${name} has mode ${mode.toString(8)}`);
    }
    data.database.close();
  } finally {
    process.umask(previousUmask);
    await rm(parent, { recursive: true, force: true });
  }
});
