/**
 * @module UploadPartCopy: read a range of an existing object, decrypted with
 * its own key, and store it as one part of a multipart upload through the
 * UploadPart path, so the part is encrypted under the upload's data key.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { MAX_COPY_SOURCE_BYTES } from '../objects/copy-object.js';
import { assertCopySourceConditions, type CopySourceConditions } from '../objects/copy-source-conditions.js';
import { findObject } from '../objects/object-records.js';
import { copyFromSource } from '../objects/read-copy-source.js';
import { invalidArgument, noSuchKey, S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import type { PlaintextRange } from '../server-side-encryption/segmented-range.js';
import { noSuchUpload } from './multipart-limits.js';
import { findUpload } from './upload-records.js';
import { uploadPart } from './upload-part.js';

export interface UploadPartCopyRequest {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  /** Version id named in `x-amz-copy-source`. Buckets are unversioned, so only `null` exists. */
  readonly sourceVersionId?: string;
  /** Inclusive byte offsets from `x-amz-copy-source-range`. Undefined copies the whole source. */
  readonly sourceRange?: PlaintextRange;
  readonly conditions: CopySourceConditions;
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
}

export interface UploadPartCopyResult {
  readonly etag: string;
  readonly lastModified: Date;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
}

export async function uploadPartCopy(deps: S3Dependencies, caller: Principal, request: UploadPartCopyRequest): Promise<UploadPartCopyResult> {
  // Check both buckets, the upload, the source row and the range before any
  // KMS call, so a request that must fail costs no Decrypt.
  requireAccessibleBucket(deps.database, caller, request.bucket);
  requireAccessibleBucket(deps.database, caller, request.sourceBucket);
  if (findUpload(deps.database, request.bucket, request.key, request.uploadId) === undefined) {
    throw noSuchUpload(request.uploadId);
  }
  if (request.sourceVersionId !== undefined && request.sourceVersionId !== 'null') {
    throw new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: request.sourceKey, VersionId: request.sourceVersionId });
  }
  const source = findObject(deps.database, request.sourceBucket, request.sourceKey);
  if (source === undefined) {
    throw noSuchKey(request.sourceKey);
  }
  assertCopySourceConditions(request.conditions, source);
  assertRangeWithinSource(request.sourceRange, source.size);

  // A range decrypts only the segments that cover it.
  const range = request.sourceRange;
  const copySource = {
    bucket: request.sourceBucket,
    key: request.sourceKey,
    conditions: request.conditions,
    ...(range !== undefined ? { range } : {}),
  };
  const result = await copyFromSource(deps, caller, copySource, (opened) =>
    uploadPart(deps, caller, {
      bucket: request.bucket,
      key: request.key,
      uploadId: request.uploadId,
      partNumber: request.partNumber,
      body: opened.body,
      contentLength: range === undefined ? opened.object.size : range.end - range.start + 1,
    }),
  );

  return {
    etag: result.etag,
    lastModified: result.lastModified,
    serverSideEncryption: result.serverSideEncryption,
    ...(result.kmsKeyArn !== undefined ? { kmsKeyArn: result.kmsKeyArn } : {}),
  };
}

/**
 * Checks the range against the source's size and the 5 GiB part limit. S3
 * reports a range past the end as InvalidArgument, not InvalidRange as a GET
 * does, and a copy of more than 5 GiB with the same error as CopyObject.
 */
function assertRangeWithinSource(range: PlaintextRange | undefined, sourceSize: number): void {
  if (range !== undefined && range.end >= sourceSize) {
    throw invalidArgument(`Range specified is not valid for source object of size: ${sourceSize}`, 'x-amz-copy-source-range', `bytes=${range.start}-${range.end}`);
  }

  const length = range === undefined ? sourceSize : range.end - range.start + 1;
  if (length > MAX_COPY_SOURCE_BYTES) {
    throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_BYTES}`);
  }
}
