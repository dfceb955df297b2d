/**
 * @module Pieces shared by S3's conditional requests: reads, writes and copy sources.
 */
import { S3Error } from '../s3-errors.js';

/** PreconditionFailed (412), naming the header whose condition did not hold. */
export function preconditionFailed(condition?: string): S3Error {
  return new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', condition === undefined ? {} : { Condition: condition });
}

/**
 * Compares a comma-separated list of ETags, quoted or not, with `etag`; `*`
 * matches any. With `ignoreWeakPrefix`, a `W/` before a listed ETag is dropped.
 */
export function etagListMatches(headerValue: string, etag: string, options: { ignoreWeakPrefix: boolean }): boolean {
  const bare = etag.replace(/^"|"$/g, '');
  return headerValue.split(',').some((candidate) => {
    let trimmed = candidate.trim();
    if (options.ignoreWeakPrefix) {
      trimmed = trimmed.replace(/^W\//, '');
    }
    trimmed = trimmed.replace(/^"|"$/g, '');
    return trimmed === '*' || trimmed === bare;
  });
}

/** Returns whole seconds since the epoch, or undefined for a missing or invalid date, which S3 ignores. */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}
