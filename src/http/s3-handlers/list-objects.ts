/**
 * @module HTTP handlers for ListObjects and ListObjectsV2.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Xml, type XmlElement } from '../responses/write-s3-xml.js';
import { invalidArgument } from '../../s3/s3-errors.js';
import type { ListObjectsRequest } from '../../s3/objects/list-objects-v1.js';
import type { ListObjectsV2Request } from '../../s3/objects/list-objects-v2.js';
import type { S3Service } from '../../s3/s3-service.js';

export async function handleListObjectsV2(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, query: URLSearchParams): Promise<void> {
  const request = parseListObjectsV2Query(bucket, query);
  const urlEncoded = query.get('encoding-type') !== null;
  const encode = urlEncoded ? encodeListingValue : (value: string) => value;

  const result = s3.listObjectsV2(context.principal, request);

  const content: XmlElement = {
    Name: result.bucket,
    Prefix: encode(result.prefix),
    ...(result.delimiter !== undefined ? { Delimiter: encode(result.delimiter) } : {}),
    MaxKeys: result.maxKeys,
    ...(urlEncoded ? { EncodingType: 'url' } : {}),
    KeyCount: result.keyCount,
    IsTruncated: result.isTruncated,
    ...(result.continuationToken !== undefined ? { ContinuationToken: result.continuationToken } : {}),
    ...(result.nextContinuationToken !== undefined ? { NextContinuationToken: result.nextContinuationToken } : {}),
    ...(result.startAfter !== undefined ? { StartAfter: encode(result.startAfter) } : {}),
    ...listedEntries(result, encode),
  };
  writeS3Xml(context, 200, 'ListBucketResult', content);
}

export async function handleListObjects(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, query: URLSearchParams): Promise<void> {
  const request = parseListObjectsQuery(bucket, query);
  const urlEncoded = query.get('encoding-type') !== null;
  const encode = urlEncoded ? encodeListingValue : (value: string) => value;

  const result = s3.listObjects(context.principal, request);

  const content: XmlElement = {
    Name: result.bucket,
    Prefix: encode(result.prefix),
    Marker: encode(result.marker),
    ...(result.nextMarker !== undefined ? { NextMarker: encode(result.nextMarker) } : {}),
    MaxKeys: result.maxKeys,
    ...(result.delimiter !== undefined ? { Delimiter: encode(result.delimiter) } : {}),
    IsTruncated: result.isTruncated,
    ...(urlEncoded ? { EncodingType: 'url' } : {}),
    ...listedEntries(result, encode),
  };
  writeS3Xml(context, 200, 'ListBucketResult', content);
}

type ListingResult = ReturnType<S3Service['listObjects']> | ReturnType<S3Service['listObjectsV2']>;

/** Builds the Contents and CommonPrefixes elements that both listing versions share. */
function listedEntries(result: ListingResult, encode: (value: string) => string): XmlElement {
  return {
    Contents: result.contents.map((object) => ({
      Key: encode(object.key),
      LastModified: object.lastModified.toISOString(),
      ETag: object.etag,
      Size: object.size,
      ...(object.owner !== undefined ? { Owner: { ID: object.owner.id, DisplayName: object.owner.displayName } } : {}),
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
  };
}

/** Validates the query parameters of ListObjects (version 1) as S3 does. */
export function parseListObjectsQuery(bucket: string, query: URLSearchParams): ListObjectsRequest {
  const common = parseCommonListingQuery(query);
  const marker = query.get('marker') ?? undefined;
  return { bucket, ...common, ...(marker !== undefined ? { marker } : {}) };
}

/** Validates the query parameters of ListObjectsV2 as S3 does. */
export function parseListObjectsV2Query(bucket: string, query: URLSearchParams): ListObjectsV2Request {
  const common = parseCommonListingQuery(query);
  const optional = (name: string): string | undefined => query.get(name) ?? undefined;
  const continuationToken = optional('continuation-token');
  const startAfter = optional('start-after');
  return {
    bucket,
    ...common,
    ...(continuationToken !== undefined ? { continuationToken } : {}),
    ...(startAfter !== undefined ? { startAfter } : {}),
    fetchOwner: query.get('fetch-owner') === 'true',
  };
}

/** Reads prefix, delimiter and max-keys, and checks encoding-type. */
function parseCommonListingQuery(query: URLSearchParams): { prefix?: string; delimiter?: string; maxKeys?: number } {
  const maxKeysText = query.get('max-keys');
  let maxKeys: number | undefined;
  if (maxKeysText !== null) {
    maxKeys = /^\d{1,10}$/.test(maxKeysText) ? Number(maxKeysText) : NaN;
    if (!Number.isSafeInteger(maxKeys) || maxKeys > 2147483647) {
      throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText);
    }
  }

  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }

  const prefix = query.get('prefix') ?? undefined;
  const delimiter = query.get('delimiter') ?? undefined;
  return {
    ...(prefix !== undefined ? { prefix } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(maxKeys !== undefined ? { maxKeys } : {}),
  };
}

/**
 * URL-encodes a key for `encoding-type=url`: every UTF-8 byte except letters,
 * digits, `-_.~` and `/` becomes `%XX`, and a space becomes `+`, which is how
 * S3-compatible servers mirror S3 here.
 *
 * NOTE: S3's exact set of unescaped characters is not documented; botocore
 * decodes with unquote_plus, which accepts this form.
 */
export function encodeListingValue(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~/]/.test(char)) {
      encoded += char;
    } else if (byte === 0x20) {
      encoded += '+';
    } else {
      encoded += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return encoded;
}
