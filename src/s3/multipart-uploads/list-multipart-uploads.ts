/**
 * @module ListMultipartUploads: one page of a bucket's uploads in progress.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { ownerOfAccount, type Owner } from '../buckets/owner.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { initiatorOf } from './list-parts.js';
import { MAX_LISTED } from './multipart-limits.js';
import { listUploadsOfBucket, type UploadRecord } from './upload-records.js';

export interface ListMultipartUploadsRequest {
  readonly bucket: string;
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  /** Ignored unless `keyMarker` is given, as in S3. */
  readonly uploadIdMarker?: string;
  /** Page size; values above 1000 are lowered to 1000, as S3 does. */
  readonly maxUploads?: number;
}

export interface UploadsPage {
  readonly uploads: readonly UploadRecord[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** Set when truncated: the key-marker of the next page. */
  readonly nextKeyMarker?: string;
  /** Set when truncated and the page ends with an upload: the upload-id-marker of the next page. */
  readonly nextUploadIdMarker?: string;
}

/** One `<Upload>` of the listing. */
export interface ListedUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiatedAt: Date;
  readonly initiator: Owner;
  readonly owner: Owner;
}

export interface ListMultipartUploadsResult extends Omit<UploadsPage, 'uploads'> {
  readonly uploads: readonly ListedUpload[];
  readonly maxUploads: number;
}

export function listMultipartUploads(deps: S3Dependencies, caller: Principal, request: ListMultipartUploadsRequest): ListMultipartUploadsResult {
  requireAccessibleBucket(deps.database, caller, request.bucket);
  const maxUploads = Math.min(request.maxUploads ?? MAX_LISTED, MAX_LISTED);

  // TODO: this reads every upload under the prefix and pages in memory. That
  // is fine while uploads in progress are few; a keyset query would remove it.
  const page = pageUploads(listUploadsOfBucket(deps.database, request.bucket, request.prefix ?? ''), { ...request, maxUploads });
  const uploads = page.uploads.map((upload) => ({
    key: upload.key,
    uploadId: upload.uploadId,
    initiatedAt: upload.initiatedAt,
    initiator: initiatorOf(upload),
    owner: ownerOfAccount(upload.accountId),
  }));
  return { ...page, uploads, maxUploads };
}

/**
 * Pages uploads already sorted by key, then initiation time. With a delimiter,
 * keys that share the part of the key up to the first delimiter after the
 * prefix collapse into one common prefix, which counts as one entry.
 */
export function pageUploads(
  sorted: readonly UploadRecord[],
  request: Omit<ListMultipartUploadsRequest, 'bucket'> & { maxUploads: number },
): UploadsPage {
  const prefix = request.prefix ?? '';
  const uploads: UploadRecord[] = [];
  const commonPrefixes: string[] = [];
  let index = skipToMarker(sorted, request.keyMarker, request.uploadIdMarker);
  let lastEntry: { key: string; uploadId?: string } | undefined;

  while (index < sorted.length) {
    const upload = sorted[index]!;
    const commonPrefix = commonPrefixOf(upload.key, prefix, request.delimiter);
    // A marker that is a common prefix of an earlier page skips the whole group.
    if (commonPrefix !== undefined && commonPrefix === request.keyMarker) {
      index += 1;
      continue;
    }
    if (uploads.length + commonPrefixes.length === request.maxUploads) {
      return {
        uploads,
        commonPrefixes,
        isTruncated: true,
        ...(lastEntry !== undefined ? { nextKeyMarker: lastEntry.key } : {}),
        ...(lastEntry?.uploadId !== undefined ? { nextUploadIdMarker: lastEntry.uploadId } : {}),
      };
    }

    if (commonPrefix === undefined) {
      uploads.push(upload);
      lastEntry = { key: upload.key, uploadId: upload.uploadId };
      index += 1;
    } else {
      commonPrefixes.push(commonPrefix);
      lastEntry = { key: commonPrefix };
      while (index < sorted.length && sorted[index]!.key.startsWith(commonPrefix)) {
        index += 1;
      }
    }
  }
  return { uploads, commonPrefixes, isTruncated: false };
}

/** Returns the index of the first upload after the markers. */
function skipToMarker(sorted: readonly UploadRecord[], keyMarker: string | undefined, uploadIdMarker: string | undefined): number {
  if (keyMarker === undefined) {
    return 0;
  }
  const markerBytes = Buffer.from(keyMarker, 'utf8');
  let index = 0;
  while (index < sorted.length && Buffer.compare(Buffer.from(sorted[index]!.key, 'utf8'), markerBytes) < 0) {
    index += 1;
  }
  if (uploadIdMarker === undefined) {
    // Without an upload-id marker every upload of the marker key itself was listed before.
    while (index < sorted.length && sorted[index]!.key === keyMarker) {
      index += 1;
    }
    return index;
  }
  const markerIndex = sorted.findIndex((upload, position) => position >= index && upload.key === keyMarker && upload.uploadId === uploadIdMarker);
  if (markerIndex !== -1) {
    return markerIndex + 1;
  }
  // The marker upload is gone: keep the uploads of that key whose ids sort after it.
  while (index < sorted.length && sorted[index]!.key === keyMarker && sorted[index]!.uploadId <= uploadIdMarker) {
    index += 1;
  }
  return index;
}

function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (delimiter === undefined || delimiter === '') {
    return undefined;
  }
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
}
