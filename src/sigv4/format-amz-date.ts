/**
 * @module Timestamps in the SigV4 format.
 */

/** Formats a time as `YYYYMMDDTHHMMSSZ` in UTC, the format of `X-Amz-Date`. */
export function formatAmzDate(time: Date): string {
  return time.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
