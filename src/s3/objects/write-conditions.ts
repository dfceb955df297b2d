/**
 * @module Conditional writes: `If-None-Match: *` and `If-Match: <etag>` on
 * PutObject and CompleteMultipartUpload.
 */
import { noSuchKey, S3Error } from '../s3-errors.js';
import { etagListMatches, preconditionFailed } from './preconditions.js';
import type { ObjectRecord } from './object-records.js';

/** Raw header values; undefined when the header was absent. */
export interface WriteConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
}

/**
 * Rejects condition values S3 does not accept on a write. S3 takes only `*` in
 * If-None-Match and rejects anything else with 501 NotImplemented.
 */
export function validateWriteConditions(conditions: WriteConditions): void {
  if (conditions.ifNoneMatch !== undefined && conditions.ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'If-None-Match' });
  }
}

/**
 * Checks the conditions against the object currently stored under the key,
 * undefined when there is none. If-None-Match fails with PreconditionFailed
 * when an object exists. If-Match fails with NoSuchKey when none exists, as S3
 * does, and with PreconditionFailed when its ETag differs.
 */
export function checkWriteConditions(conditions: WriteConditions, key: string, current: ObjectRecord | undefined): void {
  if (conditions.ifNoneMatch !== undefined && current !== undefined) {
    throw preconditionFailed('If-None-Match');
  }

  if (conditions.ifMatch === undefined) {
    return;
  }
  if (current === undefined) {
    throw noSuchKey(key);
  }
  if (!etagListMatches(conditions.ifMatch, current.etag, { ignoreWeakPrefix: false })) {
    throw preconditionFailed('If-Match');
  }
}


