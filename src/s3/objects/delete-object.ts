/**
 * @module DeleteObject: drop the row, then the blob.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { deleteBlobQuietly, queueBlob } from './blob-cleanup.js';
import { deleteObjectRow, findObject } from './object-records.js';

/** Deletes `key` if it exists. Deleting a missing key succeeds, as in S3. */
export async function deleteObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string): Promise<void> {
  requireAccessibleBucket(deps.database, caller, bucket);

  // The row goes and its blob joins the cleanup queue in one transaction, so a
  // crash before the blob is deleted leaves it queued, never referenced.
  const blobId = deps.database.transaction(() => {
    const record = findObject(deps.database, bucket, key);
    if (record === undefined) {
      return undefined;
    }
    deleteObjectRow(deps.database, bucket, key);
    queueBlob(deps.database, record.blobId, deps.clock());
    return record.blobId;
  }).immediate();

  if (blobId !== undefined) {
    await deleteBlobQuietly(deps.database, deps.blobs, blobId);
  }
}
