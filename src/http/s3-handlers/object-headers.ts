/**
 * @module Object headers between HTTP and the S3 domain: what PutObject reads
 * and what GetObject, HeadObject and PutObject send back.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../s3/s3-errors.js';
import type { ObjectChecksum, StoredHeaders } from '../../s3/objects/object-metadata.js';
import { CHECKSUM_ALGORITHMS, isChecksumAlgorithm, type ChecksumAlgorithm } from '../../s3/objects/object-checksum.js';
import { DEFAULT_CONTENT_TYPE } from '../../s3/objects/object-metadata.js';
import type { ObjectDescription } from '../../s3/objects/read-object.js';
import type { WriteConditions } from '../../s3/objects/write-conditions.js';
import type { EncryptionHeaders } from '../../s3/server-side-encryption/encryption-request.js';

const USER_METADATA_PREFIX = 'x-amz-meta-';

/** Returns a header's value, joining repeated headers with commas as HTTP does. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Digests a client sent for an upload body: Content-MD5, a checksum header, or the algorithm of a trailer checksum. */
export interface BodyIntegrityHeaders {
  readonly contentMd5?: string;
  readonly checksum?: ObjectChecksum;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
}

export function readBodyIntegrityHeaders(headers: IncomingHttpHeaders): BodyIntegrityHeaders {
  const contentMd5 = singleHeader(headers, 'content-md5');
  const checksum = readChecksum(headers);
  const checksumAlgorithm = checksum === undefined ? readTrailerChecksumAlgorithm(headers) : undefined;
  return {
    ...(contentMd5 !== undefined ? { contentMd5 } : {}),
    ...(checksum !== undefined ? { checksum } : {}),
    ...(checksumAlgorithm !== undefined ? { checksumAlgorithm } : {}),
  };
}

export function readStoredHeaders(headers: IncomingHttpHeaders): StoredHeaders {
  const stored: Record<string, string> = {};
  const names: Array<[keyof StoredHeaders, string]> = [
    ['contentType', 'content-type'],
    ['contentEncoding', 'content-encoding'],
    ['contentDisposition', 'content-disposition'],
    ['contentLanguage', 'content-language'],
    ['cacheControl', 'cache-control'],
    ['expires', 'expires'],
  ];
  for (const [field, header] of names) {
    const value = singleHeader(headers, header);
    if (value !== undefined) {
      stored[field] = value;
    }
  }
  return stored;
}

/** Collects `x-amz-meta-*` headers; Node has already lowercased the names. */
export function readUserMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(USER_METADATA_PREFIX) && value !== undefined) {
      metadata[name.slice(USER_METADATA_PREFIX.length)] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  return metadata;
}

/** Reads a checksum sent as an `x-amz-checksum-<algorithm>` header. */
export function readChecksum(headers: IncomingHttpHeaders): ObjectChecksum | undefined {
  const present = CHECKSUM_ALGORITHMS.filter((algorithm) => headers[`x-amz-checksum-${algorithm}`] !== undefined);
  if (present.length > 1) {
    throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  if (present.length === 0) {
    return undefined;
  }
  const algorithm = present[0]!;
  return { algorithm, value: singleHeader(headers, `x-amz-checksum-${algorithm}`) ?? '' };
}

/**
 * Returns the algorithm of a checksum announced for an aws-chunked trailer
 * (`x-amz-trailer: x-amz-checksum-crc32`) or by `x-amz-sdk-checksum-algorithm`.
 * The trailer value itself is verified during authentication, and the server
 * computes its own copy to store.
 */
export function readTrailerChecksumAlgorithm(headers: IncomingHttpHeaders): ChecksumAlgorithm | undefined {
  const trailer = singleHeader(headers, 'x-amz-trailer')?.trim().toLowerCase();
  if (trailer !== undefined && trailer.startsWith('x-amz-checksum-')) {
    const algorithm = trailer.slice('x-amz-checksum-'.length);
    if (isChecksumAlgorithm(algorithm)) {
      return algorithm;
    }
  }
  const declared = singleHeader(headers, 'x-amz-sdk-checksum-algorithm')?.trim().toLowerCase();
  return declared !== undefined && isChecksumAlgorithm(declared) ? declared : undefined;
}

export function readEncryptionHeaders(headers: IncomingHttpHeaders): EncryptionHeaders {
  const encryption: Record<string, string> = {};
  const names: Array<[keyof EncryptionHeaders, string]> = [
    ['serverSideEncryption', 'x-amz-server-side-encryption'],
    ['kmsKeyId', 'x-amz-server-side-encryption-aws-kms-key-id'],
    ['context', 'x-amz-server-side-encryption-context'],
    ['customerAlgorithm', 'x-amz-server-side-encryption-customer-algorithm'],
    ['customerKey', 'x-amz-server-side-encryption-customer-key'],
    ['customerKeyMd5', 'x-amz-server-side-encryption-customer-key-md5'],
  ];
  for (const [field, header] of names) {
    const value = singleHeader(headers, header);
    if (value !== undefined) {
      encryption[field] = value;
    }
  }
  return encryption;
}

/** Reads the If-Match and If-None-Match headers of a conditional write. */
export function readWriteConditions(headers: IncomingHttpHeaders): WriteConditions {
  const ifMatch = singleHeader(headers, 'if-match');
  const ifNoneMatch = singleHeader(headers, 'if-none-match');
  return { ...(ifMatch !== undefined ? { ifMatch } : {}), ...(ifNoneMatch !== undefined ? { ifNoneMatch } : {}) };
}

/** Response headers naming how an object is encrypted. */
export function encryptionResponseHeaders(result: { serverSideEncryption: string; kmsKeyArn?: string }): Record<string, string> {
  const headers: Record<string, string> = { 'x-amz-server-side-encryption': result.serverSideEncryption };
  if (result.kmsKeyArn !== undefined) {
    headers['x-amz-server-side-encryption-aws-kms-key-id'] = result.kmsKeyArn;
  }
  return headers;
}

/**
 * Returns the headers GET and HEAD send for an object, except the body length.
 * They are collected rather than set on the response, so an error found before
 * `writeHead` sends none of them.
 */
export function objectResponseHeaders(object: ObjectDescription, includeChecksum: boolean): Record<string, string> {
  const stored = object.metadata.headers;
  const headers: Record<string, string> = {
    'Content-Type': stored.contentType ?? DEFAULT_CONTENT_TYPE,
    ETag: object.etag,
    'Last-Modified': object.lastModified.toUTCString(),
  };

  const optional: Array<[string, string | undefined]> = [
    ['Content-Encoding', stored.contentEncoding],
    ['Content-Disposition', stored.contentDisposition],
    ['Content-Language', stored.contentLanguage],
    ['Cache-Control', stored.cacheControl],
    ['Expires', stored.expires],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined) {
      headers[name] = value;
    }
  }

  for (const [name, value] of Object.entries(object.metadata.userMetadata)) {
    headers[USER_METADATA_PREFIX + name] = value;
  }
  Object.assign(headers, encryptionResponseHeaders(object));

  const checksum = object.metadata.checksum;
  if (includeChecksum && checksum !== undefined) {
    headers[`x-amz-checksum-${checksum.algorithm}`] = checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return headers;
}
