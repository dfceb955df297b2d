/**
 * @module Naming rules for general purpose buckets, as S3 enforces them on CreateBucket.
 */
import { S3Error } from '../s3-errors.js';

/** Prefixes S3 reserves for its own bucket kinds. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
/** Suffixes S3 reserves for access point aliases and other bucket kinds. */
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

const ALLOWED = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Returns the rule `name` breaks, or undefined when it is a valid bucket name. */
export function findBucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return 'must be 3 to 63 characters long';
  }
  if (!ALLOWED.test(name)) {
    return 'must use only lowercase letters, digits, dots and hyphens, and start and end with a letter or digit';
  }
  if (name.includes('..')) {
    return 'must not contain two adjacent dots';
  }
  if (IPV4_LIKE.test(name)) {
    return 'must not be formatted as an IP address';
  }
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    return 'must not start with a reserved prefix';
  }
  if (RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return 'must not end with a reserved suffix';
  }
  return undefined;
}

/** Throws InvalidBucketName (400) unless `name` follows S3's naming rules. */
export function assertValidBucketName(name: string): void {
  if (findBucketNameProblem(name) !== undefined) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
  }
}
