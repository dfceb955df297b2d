/**
 * @module AbortMultipartUpload: drop the upload and its parts.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { deleteBlobQuietly, queueBlob } from '../objects/blob-cleanup.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { noSuchUpload } from './multipart-limits.js';
import { deletePartRows, deleteUploadRow, findUpload, listPartRows } from './upload-records.js';

export async function abortMultipartUpload(deps: S3Dependencies, caller: Principal, bucket: string, key: string, uploadId: string): Promise<void> {
  requireAccessibleBucket(deps.database, caller, bucket);

  // The rows go and the part blobs join the cleanup queue in one transaction,
  // so a crash before the blobs are deleted leaves them queued.
  const blobIds = deps.database.transaction(() => {
    const upload = findUpload(deps.database, bucket, key, uploadId);
    if (upload === undefined) {
      throw noSuchUpload(uploadId);
    }
    const parts = listPartRows(deps.database, uploadId);
    const now = deps.clock();
    for (const part of parts) {
      queueBlob(deps.database, part.blobId, now);
    }
    deletePartRows(deps.database, uploadId);
    deleteUploadRow(deps.database, uploadId);
    return parts.map((part) => part.blobId);
  }).immediate();

  // NOTE: a part whose upload is still streaming is not in the list above. Its
  // commit then finds no upload, fails with NoSuchUpload and deletes its blob.
  for (const blobId of blobIds) {
    await deleteBlobQuietly(deps.database, deps.blobs, blobId);
  }
}
