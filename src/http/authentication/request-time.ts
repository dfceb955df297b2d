/**
 * @module Request time checks shared by header and query authentication.
 */
import { MAX_CLOCK_SKEW_MILLISECONDS } from '../../sigv4/constants.js';
import { AuthenticationError } from './authentication-error.js';

/** Formats a time as S3 writes `ServerTime` in error bodies: `2015-08-30T12:36:00Z`. */
export function formatServerTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Rejects a request time more than 15 minutes before or after the server clock.
 * `rawRequestTime` is echoed as sent, as S3 does.
 */
export function checkClockSkew(requestTime: Date, rawRequestTime: string, now: Date): void {
  if (Math.abs(now.getTime() - requestTime.getTime()) <= MAX_CLOCK_SKEW_MILLISECONDS) return;

  throw new AuthenticationError(
    'RequestTimeTooSkewed',
    'The difference between the request time and the current time is too large.',
    {
      RequestTime: rawRequestTime,
      ServerTime: formatServerTime(now),
      MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MILLISECONDS),
    },
  );
}
