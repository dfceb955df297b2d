/**
 * @module ListObjects (version 1): the same listing as version 2, paged by
 * a marker key instead of a continuation token.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { ownerOfAccount } from '../buckets/owner.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { encodeKey } from './object-records.js';
import { MAX_LIST_KEYS, scanListing, successorOf, type ListedObject } from './scan-listing.js';

export interface ListObjectsRequest {
  readonly bucket: string;
  readonly prefix?: string;
  readonly delimiter?: string;
  /** A non-negative integer; values above 1000 are treated as 1000. */
  readonly maxKeys?: number;
  /** Listing starts after this key. */
  readonly marker?: string;
}

export interface ListObjectsResult {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly marker: string;
  /** Set only when the page is truncated and a delimiter was given, as in S3. */
  readonly nextMarker?: string;
  readonly maxKeys: number;
  readonly isTruncated: boolean;
  readonly contents: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}

export function listObjects(deps: S3Dependencies, caller: Principal, request: ListObjectsRequest): ListObjectsResult {
  const bucket = requireAccessibleBucket(deps.database, caller, request.bucket);
  const prefix = request.prefix ?? '';
  const delimiter = request.delimiter === '' ? undefined : request.delimiter;
  const maxKeys = Math.min(request.maxKeys ?? MAX_LIST_KEYS, MAX_LIST_KEYS);
  const marker = request.marker ?? '';

  // Version 1 always includes the owner. A common prefix that sorts at or
  // before the marker was on an earlier page, whose NextMarker it was.
  const prefixBytes = encodeKey(prefix);
  const markerBytes = encodeKey(marker);
  let cursor = marker === '' ? prefixBytes : successorOf(markerBytes);
  if (Buffer.compare(cursor, prefixBytes) < 0) {
    cursor = prefixBytes;
  }
  const page = scanListing(deps.database, request.bucket, {
    prefix,
    delimiter,
    maxKeys,
    cursor,
    owner: ownerOfAccount(bucket.accountId),
    ...(marker === '' ? {} : { skipPrefixesUpTo: markerBytes }),
  });

  return {
    bucket: request.bucket,
    prefix,
    ...(request.delimiter !== undefined ? { delimiter: request.delimiter } : {}),
    marker,
    ...(page.isTruncated && delimiter !== undefined && page.lastEntry !== undefined ? { nextMarker: page.lastEntry } : {}),
    maxKeys,
    isTruncated: page.isTruncated,
    contents: page.contents,
    commonPrefixes: page.commonPrefixes,
  };
}
