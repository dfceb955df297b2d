/**
 * @module ListObjectsV2: keys in UTF-8 byte order, grouped by delimiter, in pages.
 */
import type { Principal } from '../../identity/principals.js';
import { RootKeyUnsealError, type RootKeystore } from '../../kms/root-keystores/root-keystore.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { ownerOfAccount } from '../buckets/owner.js';
import { invalidArgument } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { encodeKey } from './object-records.js';
import { MAX_LIST_KEYS, scanListing, successorOf, type ListedObject } from './scan-listing.js';

export interface ListObjectsV2Request {
  readonly bucket: string;
  readonly prefix?: string;
  readonly delimiter?: string;
  /** A non-negative integer; values above 1000 are treated as 1000. */
  readonly maxKeys?: number;
  readonly continuationToken?: string;
  readonly startAfter?: string;
  readonly fetchOwner?: boolean;
}

export interface ListObjectsV2Result {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly keyCount: number;
  readonly isTruncated: boolean;
  readonly contents: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
  readonly continuationToken?: string;
  readonly nextContinuationToken?: string;
  readonly startAfter?: string;
}

export function listObjectsV2(deps: S3Dependencies, caller: Principal, request: ListObjectsV2Request): ListObjectsV2Result {
  const bucket = requireAccessibleBucket(deps.database, caller, request.bucket);
  const prefix = request.prefix ?? '';
  const delimiter = request.delimiter === '' ? undefined : request.delimiter;
  const maxKeys = Math.min(request.maxKeys ?? MAX_LIST_KEYS, MAX_LIST_KEYS);
  const owner = request.fetchOwner ? ownerOfAccount(bucket.accountId) : undefined;

  // A continuation token wins over start-after, as in S3. Either way the scan
  // starts no earlier than the prefix.
  const prefixBytes = encodeKey(prefix);
  let cursor: Buffer;
  if (request.continuationToken !== undefined) {
    cursor = openContinuationToken(deps.rootKeystore, request.bucket, request.continuationToken);
  } else if (request.startAfter !== undefined && request.startAfter !== '') {
    cursor = successorOf(encodeKey(request.startAfter));
  } else {
    cursor = prefixBytes;
  }
  if (Buffer.compare(cursor, prefixBytes) < 0) {
    cursor = prefixBytes;
  }

  const page = scanListing(deps.database, request.bucket, { prefix, delimiter, maxKeys, cursor, owner });
  const { contents, commonPrefixes, isTruncated } = page;

  return {
    bucket: request.bucket,
    prefix,
    ...(request.delimiter !== undefined ? { delimiter: request.delimiter } : {}),
    maxKeys,
    keyCount: contents.length + commonPrefixes.length,
    isTruncated,
    contents,
    commonPrefixes,
    ...(request.continuationToken !== undefined ? { continuationToken: request.continuationToken } : {}),
    ...(isTruncated ? { nextContinuationToken: sealContinuationToken(deps.rootKeystore, request.bucket, page.cursor) } : {}),
    ...(request.startAfter !== undefined ? { startAfter: request.startAfter } : {}),
  };
}

/**
 * Continuation tokens contain the scan position sealed by the root keystore and
 * bound to the bucket, so they are opaque, cannot be forged and do not work
 * for another bucket.
 */
function tokenBinding(bucket: string): Buffer {
  return Buffer.from(`s3 list continuation token\0${bucket}`, 'utf8');
}

function sealContinuationToken(rootKeystore: RootKeystore, bucket: string, cursor: Buffer): string {
  return rootKeystore.seal(cursor, tokenBinding(bucket)).toString('base64url');
}

function openContinuationToken(rootKeystore: RootKeystore, bucket: string, token: string): Buffer {
  const rejected = invalidArgument('The continuation token provided is incorrect', 'continuation-token');
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    throw rejected;
  }
  try {
    return rootKeystore.unseal(Buffer.from(token, 'base64url'), tokenBinding(bucket));
  } catch (error) {
    if (error instanceof RootKeyUnsealError) {
      throw rejected;
    }
    throw error;
  }
}
