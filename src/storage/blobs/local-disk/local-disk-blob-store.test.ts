import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateBlobId } from '../blob-store.js';
import { runBlobStoreContract } from '../blob-store-contract.js';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';

runBlobStoreContract('local disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'strongroom-blobs-'));
  return {
    store: await LocalDiskBlobStore.open(root),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

describe('LocalDiskBlobStore', () => {
  it('deletes stale temp files on open', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strongroom-blobs-'));
    try {
      const blobId = generateBlobId();
      const folder = join(root, blobId.slice(0, 2));
      await mkdir(folder);
      await writeFile(join(folder, `${blobId}.tmp`), 'interrupted write');
      await writeFile(join(folder, blobId), 'complete blob');

      await LocalDiskBlobStore.open(root);

      assert.deepEqual(await readdir(folder), [blobId]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names files by blob id only', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strongroom-blobs-'));
    try {
      const store = await LocalDiskBlobStore.open(root);
      const blobId = generateBlobId();

      await store.put(blobId, (async function* () {
        yield Buffer.from('content');
      })());

      const folders = await readdir(root);
      assert.deepEqual(folders, [blobId.slice(0, 2)]);
      assert.deepEqual(await readdir(join(root, folders[0]!)), [blobId]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
