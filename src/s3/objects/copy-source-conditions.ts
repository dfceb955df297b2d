/**
 * @module The `x-amz-copy-source-if-*` preconditions of CopyObject.
 */
import { etagListMatches, parseHttpDate, preconditionFailed } from './preconditions.js';

/** Raw header values; undefined when the header was absent. */
export interface CopySourceConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly ifUnmodifiedSince?: string;
}

/**
 * Throws PreconditionFailed (412) unless the source object satisfies the
 * conditions. As S3 documents, a true `if-match` overrides a false
 * `if-unmodified-since`, and `if-none-match`, when present, decides instead of
 * `if-modified-since`. Unlike GET, a failed `if-none-match` or
 * `if-modified-since` is also 412, not 304. Dates that do not parse are ignored.
 */
export function assertCopySourceConditions(conditions: CopySourceConditions, source: { etag: string; lastModified: Date }): void {
  const modifiedSeconds = Math.floor(source.lastModified.getTime() / 1000);

  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, source.etag, { ignoreWeakPrefix: true })) {
      throw preconditionFailed('x-amz-copy-source-If-Match');
    }
  } else {
    const since = parseHttpDate(conditions.ifUnmodifiedSince);
    if (since !== undefined && modifiedSeconds > since) {
      throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
    }
  }

  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, source.etag, { ignoreWeakPrefix: true })) {
      throw preconditionFailed('x-amz-copy-source-If-None-Match');
    }
  } else {
    const since = parseHttpDate(conditions.ifModifiedSince);
    if (since !== undefined && modifiedSeconds <= since) {
      throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
    }
  }
}



