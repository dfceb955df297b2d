/**
 * @module Object metadata kept with each object: the stored HTTP headers, user
 * metadata and an optional checksum.
 */
import { S3Error } from '../s3-errors.js';

/** Headers S3 stores at PUT and returns unchanged on GET and HEAD. */
export interface StoredHeaders {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
}

export interface ObjectChecksum {
  /** Lowercase algorithm name as in the header `x-amz-checksum-<algorithm>`. */
  readonly algorithm: 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256';
  /** Base64 of the big-endian digest. */
  readonly value: string;
}

export interface ObjectMetadata {
  readonly headers: StoredHeaders;
  /** `x-amz-meta-*` pairs, names lowercased and without the prefix. */
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly checksum?: ObjectChecksum;
}

/** Content-Type returned for objects stored without one, as S3 does. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** S3's limit on user metadata: the UTF-8 bytes of every name and value added up. */
export const MAX_USER_METADATA_BYTES = 2048;

/** Throws MetadataTooLarge (400) when the user metadata exceeds S3's 2 KB limit. */
export function assertUserMetadataSize(userMetadata: Readonly<Record<string, string>>): void {
  let size = 0;
  for (const [name, value] of Object.entries(userMetadata)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (size > MAX_USER_METADATA_BYTES) {
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', {
      Size: String(size),
      MaxSizeAllowed: String(MAX_USER_METADATA_BYTES),
    });
  }
}

/**
 * Removes the `aws-chunked` token from a Content-Encoding value: it describes
 * how the upload was framed, not the object, so S3 never stores it. Returns
 * undefined when nothing else is left.
 */
export function stripAwsChunked(contentEncoding: string | undefined): string | undefined {
  if (contentEncoding === undefined) {
    return undefined;
  }
  const remaining = contentEncoding
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked');
  return remaining.length === 0 ? undefined : remaining.join(',');
}
