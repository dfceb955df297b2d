/**
 * @module The queue of blobs that no object row references.
 *
 * A blob id is queued before its upload starts and dequeued in the transaction
 * that commits its object row. A replaced or deleted object's blob is queued in
 * that same transaction. So every blob on disk is either referenced by a row or
 * queued here. A crash at any step leaves only queued blobs, which
 * {@link deleteQueuedBlobs} removes at the next start.
 */
import type { BlobStore } from '../../storage/blobs/blob-store.js';
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';

export function queueBlob(database: SqliteDatabase, blobId: string, now: Date): void {
  database.prepare('INSERT OR REPLACE INTO s3_blob_cleanup (blob_id, queued_at) VALUES (?, ?)').run(blobId, now.toISOString());
}

export function dequeueBlob(database: SqliteDatabase, blobId: string): void {
  database.prepare('DELETE FROM s3_blob_cleanup WHERE blob_id = ?').run(blobId);
}

/**
 * Deletes a blob and then its queue entry. Failures are swallowed because the
 * entry stays queued and the next {@link deleteQueuedBlobs} retries it.
 */
export async function deleteBlobQuietly(database: SqliteDatabase, blobs: BlobStore, blobId: string): Promise<void> {
  try {
    await blobs.delete(blobId);
    dequeueBlob(database, blobId);
  } catch {
    // Left queued for the next cleanup.
  }
}

/**
 * Deletes every blob queued before `queuedBefore` and returns how many were
 * deleted. Blobs of uploads still in progress were queued later and are kept.
 */
export async function deleteQueuedBlobs(database: SqliteDatabase, blobs: BlobStore, queuedBefore: Date): Promise<number> {
  const rows = database.prepare('SELECT blob_id FROM s3_blob_cleanup WHERE queued_at < ?').all(queuedBefore.toISOString()) as Array<{ blob_id: string }>;

  let deleted = 0;
  for (const row of rows) {
    await blobs.delete(row.blob_id);
    dequeueBlob(database, row.blob_id);
    deleted += 1;
  }
  return deleted;
}
