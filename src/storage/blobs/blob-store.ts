/**
 * @module Blob store: where object bytes live, apart from their metadata.
 *
 * A blob is written once under a random id and never changed. Backends: the
 * local disk now; an upstream S3 bucket later. Every backend runs the suite in
 * `blob-store-contract.ts`.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Byte range of a read; both ends inclusive, as in an HTTP Range header. */
export interface BlobRange {
  readonly start: number;
  readonly end: number;
}

export interface BlobStore {
  /**
   * Writes every chunk of `source` to a new blob named `blobId` and resolves with
   * its size once the blob is durable. When `source` fails or the write fails,
   * nothing readable is left under `blobId`.
   */
  put(blobId: string, source: AsyncIterable<Uint8Array>): Promise<{ size: number }>;

  /** Opens a blob for streaming. Rejects with {@link BlobNotFoundError} when it does not exist. */
  get(blobId: string, range?: BlobRange): Promise<Readable>;

  /** Deletes a blob; deleting a missing blob succeeds, so retries are safe. */
  delete(blobId: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';

  constructor(blobId: string) {
    super(`Blob ${blobId} does not exist`);
  }
}

const BLOB_ID = /^[0-9a-f]{32}$/;

/** Generates a blob id: 128 random bits in hex, unrelated to any object key. */
export function generateBlobId(): string {
  return randomBytes(16).toString('hex');
}

/** Rejects anything but a generated id, so an id can never name a path outside the store. */
export function assertValidBlobId(blobId: string): void {
  if (!BLOB_ID.test(blobId)) {
    throw new Error(`Invalid blob id '${blobId}': expected 32 lowercase hex digits`);
  }
}
