/**
 * @module The scan behind ListObjects and ListObjectsV2: keys in UTF-8 byte
 * order from a cursor, rolled up into common prefixes by a delimiter.
 */
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';
import type { Owner } from '../buckets/owner.js';
import { encodeKey, scanObjects } from './object-records.js';

/** S3 returns at most this many keys and common prefixes per page. */
export const MAX_LIST_KEYS = 1000;

export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
  readonly etag: string;
  readonly size: number;
  readonly owner?: Owner;
}

export interface ListingScan {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  /** Keys plus common prefixes to return, from 0 to 1000. */
  readonly maxKeys: number;
  /** First key bytes to consider. */
  readonly cursor: Buffer;
  readonly owner: Owner | undefined;
  /** Common prefixes up to and including these bytes are skipped, as ListObjects does for its marker. */
  readonly skipPrefixesUpTo?: Buffer;
}

export interface ListingPage {
  readonly contents: ListedObject[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** Start position of the next page. */
  readonly cursor: Buffer;
  /** The last key or common prefix on the page. */
  readonly lastEntry: string | undefined;
}

export function scanListing(database: SqliteDatabase, bucket: string, scan: ListingScan): ListingPage {
  const { prefix, delimiter, maxKeys } = scan;
  const below = prefix === '' ? undefined : upperBoundOf(encodeKey(prefix));
  const contents: ListedObject[] = [];
  const commonPrefixes: string[] = [];
  let cursor = scan.cursor;
  let lastEntry: string | undefined;

  let scanning = maxKeys > 0;
  while (scanning) {
    const batch = scanObjects(database, bucket, { from: cursor, exclusive: false, below }, maxKeys - contents.length - commonPrefixes.length);
    if (batch.length === 0) {
      break;
    }

    for (const record of batch) {
      const groupEnd = delimiter === undefined ? -1 : record.key.indexOf(delimiter, prefix.length);
      if (groupEnd !== -1) {
        // Report the group once, then seek past every key that shares it.
        const commonPrefix = record.key.slice(0, groupEnd + delimiter!.length);
        const commonPrefixBytes = encodeKey(commonPrefix);
        if (scan.skipPrefixesUpTo === undefined || Buffer.compare(commonPrefixBytes, scan.skipPrefixesUpTo) > 0) {
          commonPrefixes.push(commonPrefix);
          lastEntry = commonPrefix;
        }
        cursor = upperBoundOf(commonPrefixBytes);
      } else {
        contents.push({ key: record.key, lastModified: record.lastModified, etag: record.etag, size: record.size, ...(scan.owner ? { owner: scan.owner } : {}) });
        lastEntry = record.key;
        cursor = successorOf(encodeKey(record.key));
      }

      if (contents.length + commonPrefixes.length >= maxKeys) {
        scanning = false;
        break;
      }
      if (groupEnd !== -1) {
        // The rest of this batch may belong to the group just reported.
        break;
      }
    }
  }

  // The page is truncated when anything at all is left past the cursor.
  const isTruncated = maxKeys > 0 && scanObjects(database, bucket, { from: cursor, exclusive: false, below }, 1).length > 0;
  return { contents, commonPrefixes, isTruncated, cursor, lastEntry };
}

/** Returns the smallest byte string greater than `key`, which is the key followed by a zero byte. */
export function successorOf(key: Buffer): Buffer {
  return Buffer.concat([key, Buffer.from([0])]);
}

/**
 * Returns the smallest byte string greater than every string that starts with
 * `prefix`. UTF-8 never contains 0xff, so the last byte can always be raised.
 */
export function upperBoundOf(prefix: Buffer): Buffer {
  const bound = Buffer.from(prefix);
  let index = bound.length - 1;
  while (index >= 0 && bound[index] === 0xff) {
    index -= 1;
  }
  if (index < 0) {
    throw new RangeError('A prefix of only 0xff bytes has no upper bound');
  }
  bound[index]! += 1;
  return bound.subarray(0, index + 1);
}
