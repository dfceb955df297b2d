/**
 * @module CompleteMultipartUpload: turn an upload's chosen parts into an object.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { deleteBlobQuietly, queueBlob } from '../objects/blob-cleanup.js';
import { findObject, releaseObjectBlobs, upsertObject, type ObjectRecord } from '../objects/object-records.js';
import { checkWriteConditions, validateWriteConditions, type WriteConditions } from '../objects/write-conditions.js';
import { malformedXml, noSuchBucket } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { noSuchUpload } from './multipart-limits.js';
import { planCompletion, type RequestedPart } from './plan-completion.js';
import { deletePartRows, deleteUploadRow, findUpload, listPartRows } from './upload-records.js';

export interface CompleteMultipartUploadRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly parts: readonly RequestedPart[];
  readonly conditions?: WriteConditions;
}

export interface CompleteMultipartUploadResult {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
}

export async function completeMultipartUpload(
  deps: S3Dependencies,
  caller: Principal,
  request: CompleteMultipartUploadRequest,
): Promise<CompleteMultipartUploadResult> {
  requireAccessibleBucket(deps.database, caller, request.bucket);
  if (request.parts.length === 0) {
    throw malformedXml();
  }
  const conditions = request.conditions ?? {};
  validateWriteConditions(conditions);

  // Everything happens in one transaction: the parts are checked against the
  // rows a concurrent UploadPart might be replacing, the object row replaces
  // any earlier object, and unused parts and the old object's blobs are queued.
  const released = deps.database.transaction(() => {
    if (deps.database.prepare('SELECT 1 FROM s3_buckets WHERE bucket_name = ?').get(request.bucket) === undefined) {
      throw noSuchBucket(request.bucket);
    }
    const upload = findUpload(deps.database, request.bucket, request.key, request.uploadId);
    if (upload === undefined) {
      throw noSuchUpload(request.uploadId);
    }
    // A failed condition leaves the upload in place, so the client may retry.
    checkWriteConditions(conditions, request.key, findObject(deps.database, request.bucket, request.key));
    const uploaded = listPartRows(deps.database, upload.uploadId);
    const plan = planCompletion(request.parts, uploaded);

    // Parts uploaded but left out of the list are discarded, as S3 does.
    const kept = new Set(plan.parts.map((part) => part.partNumber));
    const unused = uploaded.filter((part) => !kept.has(part.partNumber));
    deletePartRows(deps.database, upload.uploadId, unused.map((part) => part.partNumber));
    const now = deps.clock();
    for (const part of unused) {
      queueBlob(deps.database, part.blobId, now);
    }

    const record: ObjectRecord = {
      bucket: upload.bucket,
      key: upload.key,
      versionId: upload.uploadId,
      blobId: '',
      partCount: plan.parts.length,
      size: plan.size,
      etag: plan.etag,
      lastModified: now,
      metadata: upload.metadata,
      sealedKey: upload.sealedKey,
    };
    const previous = findObject(deps.database, record.bucket, record.key);
    const replacedBlobs = previous === undefined ? [] : releaseObjectBlobs(deps.database, previous, now);
    upsertObject(deps.database, record);
    deleteUploadRow(deps.database, upload.uploadId);

    return { record, blobIds: [...unused.map((part) => part.blobId), ...replacedBlobs] };
  }).immediate();

  // The metadata is committed; blobs nothing references any more can go.
  for (const blobId of released.blobIds) {
    await deleteBlobQuietly(deps.database, deps.blobs, blobId);
  }

  const sealedKey = released.record.sealedKey;
  return {
    bucket: released.record.bucket,
    key: released.record.key,
    etag: released.record.etag,
    serverSideEncryption: sealedKey.algorithm,
    ...(sealedKey.kmsKeyArn ? { kmsKeyArn: sealedKey.kmsKeyArn } : {}),
  };
}
