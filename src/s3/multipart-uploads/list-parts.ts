/**
 * @module ListParts: one page of an upload's parts.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { ownerOfAccount, type Owner } from '../buckets/owner.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { MAX_LISTED, noSuchUpload } from './multipart-limits.js';
import { findUpload, listPartRows, type PartRecord, type UploadRecord } from './upload-records.js';

export interface ListPartsRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  /** Page size; values above 1000 are lowered to 1000, as S3 does. */
  readonly maxParts?: number;
  /** Parts numbered above this are listed. */
  readonly partNumberMarker?: number;
}

export interface ListPartsResult {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly initiator: Owner;
  readonly owner: Owner;
  readonly partNumberMarker: number;
  /** Number of the last part listed; 0 when none is. */
  readonly nextPartNumberMarker: number;
  readonly maxParts: number;
  readonly isTruncated: boolean;
  readonly parts: readonly PartRecord[];
}

export function listParts(deps: S3Dependencies, caller: Principal, request: ListPartsRequest): ListPartsResult {
  requireAccessibleBucket(deps.database, caller, request.bucket);
  const upload = findUpload(deps.database, request.bucket, request.key, request.uploadId);
  if (upload === undefined) {
    throw noSuchUpload(request.uploadId);
  }

  const maxParts = Math.min(request.maxParts ?? MAX_LISTED, MAX_LISTED);
  const partNumberMarker = request.partNumberMarker ?? 0;
  // One row beyond the page shows whether the listing is truncated.
  const rows = listPartRows(deps.database, upload.uploadId, partNumberMarker, maxParts + 1);
  const parts = rows.slice(0, maxParts);

  return {
    bucket: upload.bucket,
    key: upload.key,
    uploadId: upload.uploadId,
    initiator: initiatorOf(upload),
    owner: ownerOfAccount(upload.accountId),
    partNumberMarker,
    nextPartNumberMarker: parts.at(-1)?.partNumber ?? 0,
    maxParts,
    isTruncated: rows.length > maxParts,
    parts,
  };
}

/** S3 names an IAM user initiator by its ARN and an account root by the account's canonical id. */
export function initiatorOf(upload: UploadRecord): Owner {
  const owner = ownerOfAccount(upload.accountId);
  if (upload.initiatorArn.endsWith(':root')) {
    return owner;
  }
  return { id: upload.initiatorArn, displayName: upload.initiatorArn.slice(upload.initiatorArn.lastIndexOf('/') + 1) };
}
