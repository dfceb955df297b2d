/**
 * @module DeleteObject: drop the row, then the blobs.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { deleteBlobQuietly } from './blob-cleanup.js';
import { deleteObjectRow, findObject, releaseObjectBlobs } from './object-records.js';

/** Deletes `key` if it exists. Deleting a missing key succeeds, as in S3. */
export async function deleteObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string): Promise<void> {
  requireAccessibleBucket(deps.database, caller, bucket);

  // The row goes and its blobs join the cleanup queue in one transaction, so a
  // crash before the blobs are deleted leaves them queued, never referenced.
  const blobIds = deps.database.transaction(() => {
    const record = findObject(deps.database, bucket, key);
    if (record === undefined) {
      return [];
    }
    deleteObjectRow(deps.database, bucket, key);
    return releaseObjectBlobs(deps.database, record, deps.clock());
  }).immediate();

  for (const blobId of blobIds) {
    await deleteBlobQuietly(deps.database, deps.blobs, blobId);
  }
}
