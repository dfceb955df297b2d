import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
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

  it('stores concurrent puts into a new folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strongroom-blobs-'));
    try {
      const store = await LocalDiskBlobStore.open(root);
      const prefix = generateBlobId().slice(0, 2);
      const blobIds = Array.from({ length: 8 }, () => prefix + generateBlobId().slice(2));

      await Promise.all(blobIds.map((blobId) => store.put(blobId, chunksOf(`content of ${blobId}`))));

      for (const blobId of blobIds) {
        assert.equal((await buffer(await store.get(blobId))).toString(), `content of ${blobId}`);
      }
      assert.deepEqual(await readdir(root), [prefix]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('commits no put before its new folder is flushed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strongroom-blobs-'));
    try {
      // The root flush is slow, so a put that skipped waiting for it would finish first.
      const events: string[] = [];
      const store = await LocalDiskBlobStore.open(root, {
        fsyncDirectory: async (path) => {
          if (path === root) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            events.push('root flushed');
          }
        },
      });
      const prefix = generateBlobId().slice(0, 2);
      const blobIds = [prefix + generateBlobId().slice(2), prefix + generateBlobId().slice(2)];

      await Promise.all(
        blobIds.map(async (blobId) => {
          await store.put(blobId, chunksOf('data'));
          events.push(`put ${blobId}`);
        }),
      );

      assert.equal(events[0], 'root flushed');
      assert.equal(events.filter((event) => event === 'root flushed').length, 1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

async function* chunksOf(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text);
}
