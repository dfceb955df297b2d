/**
 * @module Behaviour every {@link BlobStore} backend must have, as a node:test
 * suite. Each backend's test file calls {@link runBlobStoreContract}.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Readable } from 'node:stream';
import { BlobNotFoundError, generateBlobId, type BlobStore } from './blob-store.js';

export interface BlobStoreFixture {
  readonly store: BlobStore;
  /** Removes everything the fixture created. */
  cleanup(): Promise<void>;
}

export function runBlobStoreContract(backendName: string, createFixture: () => Promise<BlobStoreFixture>): void {
  describe(`${backendName} blob store contract`, () => {
    it('round-trips bytes', async () => {
      await withFixture(createFixture, async (store) => {
        const data = randomBytes(1000);
        const blobId = generateBlobId();

        const { size } = await store.put(blobId, chunksOf(data, 7));

        assert.equal(size, data.length);
        assert.deepEqual(await readAll(await store.get(blobId)), data);
      });
    });

    it('stores an empty blob', async () => {
      await withFixture(createFixture, async (store) => {
        const blobId = generateBlobId();

        const { size } = await store.put(blobId, chunksOf(Buffer.alloc(0), 1));

        assert.equal(size, 0);
        assert.equal((await readAll(await store.get(blobId))).length, 0);
      });
    });

    it('streams a multi-megabyte blob intact', async () => {
      await withFixture(createFixture, async (store) => {
        const blobId = generateBlobId();
        const chunk = randomBytes(64 * 1024);
        const chunkCount = 80;
        const expected = createHash('sha256');
        for (let i = 0; i < chunkCount; i += 1) {
          expected.update(chunk);
        }

        const { size } = await store.put(blobId, repeat(chunk, chunkCount));

        assert.equal(size, chunk.length * chunkCount);
        const actual = createHash('sha256');
        for await (const part of await store.get(blobId)) {
          actual.update(part as Buffer);
        }
        assert.equal(actual.digest('hex'), expected.digest('hex'));
      });
    });

    it('reads an inclusive byte range', async () => {
      await withFixture(createFixture, async (store) => {
        const data = randomBytes(500);
        const blobId = generateBlobId();
        await store.put(blobId, chunksOf(data, 64));

        const part = await readAll(await store.get(blobId, { start: 100, end: 199 }));

        assert.deepEqual(part, data.subarray(100, 200));
      });
    });

    it('rejects reading a missing blob', async () => {
      await withFixture(createFixture, async (store) => {
        await assert.rejects(store.get(generateBlobId()), BlobNotFoundError);
      });
    });

    it('deletes idempotently', async () => {
      await withFixture(createFixture, async (store) => {
        const blobId = generateBlobId();
        await store.put(blobId, chunksOf(Buffer.from('to be deleted'), 4));

        await store.delete(blobId);
        await store.delete(blobId);

        await assert.rejects(store.get(blobId), BlobNotFoundError);
      });
    });

    it('leaves nothing after a failed source', async () => {
      await withFixture(createFixture, async (store) => {
        const blobId = generateBlobId();

        await assert.rejects(store.put(blobId, failingAfter(Buffer.from('partial data'))), /source failed/);

        await assert.rejects(store.get(blobId), BlobNotFoundError);
      });
    });

    it('rejects ids that are not generated ids', async () => {
      await withFixture(createFixture, async (store) => {
        await assert.rejects(store.get('../outside'), /Invalid blob id/);
        await assert.rejects(store.put('ABC', chunksOf(Buffer.from('x'), 1)), /Invalid blob id/);
      });
    });
  });
}

async function withFixture(createFixture: () => Promise<BlobStoreFixture>, body: (store: BlobStore) => Promise<void>): Promise<void> {
  const fixture = await createFixture();
  try {
    await body(fixture.store);
  } finally {
    await fixture.cleanup();
  }
}

async function* chunksOf(data: Buffer, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    yield data.subarray(offset, offset + chunkSize);
  }
}

async function* repeat(chunk: Buffer, count: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i += 1) {
    yield chunk;
  }
}

async function* failingAfter(data: Buffer): AsyncGenerator<Uint8Array> {
  yield data;
  throw new Error('source failed');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}
