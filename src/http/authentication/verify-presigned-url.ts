/**
 * @module Reading a signature from a presigned URL's query string.
 */
import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAMETER,
  CREDENTIAL_QUERY_PARAMETER,
  DATE_QUERY_PARAMETER,
  EXPIRES_QUERY_PARAMETER,
  MAX_CLOCK_SKEW_MILLISECONDS,
  MAX_PRESIGNED_EXPIRES_SECONDS,
  SECURITY_TOKEN_QUERY_PARAMETER,
  SIGNATURE_QUERY_PARAMETER,
  SIGNED_HEADERS_QUERY_PARAMETER,
} from '../../sigv4/constants.js';
import { parseAmzDate } from '../../sigv4/parse-amz-date.js';
import { AuthenticationError } from './authentication-error.js';
import { parseCredential, QUERY_CREDENTIAL_ERRORS } from './credential-scope.js';
import { formatServerTime } from './request-time.js';
import type { SignatureExpectations, SignatureParameters } from './signature-parameters.js';

const REQUIRED_PARAMETERS = [
  ALGORITHM_QUERY_PARAMETER,
  CREDENTIAL_QUERY_PARAMETER,
  SIGNATURE_QUERY_PARAMETER,
  DATE_QUERY_PARAMETER,
  SIGNED_HEADERS_QUERY_PARAMETER,
  EXPIRES_QUERY_PARAMETER,
];

// S3 reads X-Amz-Expires as a Java long: an optional sign and ASCII digits.
const INTEGER = /^[+-]?\d+$/;
const LARGEST_LONG = 2n ** 63n - 1n;

function queryError(message: string): AuthenticationError {
  return new AuthenticationError('AuthorizationQueryParametersError', message);
}

/** Parses X-Amz-Expires and checks it is a whole number of seconds from 0 to 604800. */
function parseExpires(text: string): number {
  if (!INTEGER.test(text) || BigInt(text) > LARGEST_LONG || BigInt(text) < -LARGEST_LONG - 1n) {
    throw queryError('X-Amz-Expires should be a number');
  }
  const seconds = Number(text);
  if (seconds < 0) {
    throw queryError('X-Amz-Expires must be non-negative');
  }
  if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryError(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  return seconds;
}

/**
 * Reads and checks the `X-Amz-*` parameters of a presigned URL, in S3's order:
 * algorithm, presence of all six, date, expiry value, not-yet-valid, expired,
 * credential scope and the scope's date. `parameters` maps each decoded name
 * to its first decoded value.
 */
export function readPresignedQuery(
  parameters: ReadonlyMap<string, string>,
  expectations: SignatureExpectations,
): SignatureParameters {
  const algorithm = parameters.get(ALGORITHM_QUERY_PARAMETER);
  if (algorithm !== ALGORITHM) {
    throw queryError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  if (REQUIRED_PARAMETERS.some((name) => !parameters.has(name))) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }

  const amzDate = parameters.get(DATE_QUERY_PARAMETER)!;
  const requestTime = parseAmzDate(amzDate);
  if (requestTime === undefined) {
    throw queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }
  const rawExpires = parameters.get(EXPIRES_QUERY_PARAMETER)!;
  const expiresSeconds = parseExpires(rawExpires);

  // A URL may be used from its X-Amz-Date (less the allowed skew) until X-Amz-Expires seconds later.
  const now = expectations.now;
  const expiresAt = formatServerTime(new Date(requestTime.getTime() + expiresSeconds * 1000));
  if (requestTime.getTime() - now.getTime() > MAX_CLOCK_SKEW_MILLISECONDS) {
    throw new AuthenticationError('AccessDenied', 'Request is not yet valid', {
      'X-Amz-Date': String(requestTime.getTime()),
      Expires: expiresAt,
      ServerTime: formatServerTime(now),
    });
  }
  if (now.getTime() - requestTime.getTime() > expiresSeconds * 1000) {
    throw new AuthenticationError('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': rawExpires,
      Expires: expiresAt,
      ServerTime: formatServerTime(now),
    });
  }

  const credential = parseCredential(parameters.get(CREDENTIAL_QUERY_PARAMETER)!, expectations, QUERY_CREDENTIAL_ERRORS);
  if (credential.scopeDate !== amzDate.slice(0, 8)) {
    throw queryError(
      `Invalid credential date "${credential.scopeDate}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }

  const rawSignedHeaders = parameters.get(SIGNED_HEADERS_QUERY_PARAMETER)!;
  const signedHeaders = rawSignedHeaders.split(';').map((name) => name.toLowerCase());
  if (signedHeaders.some((name) => name === '')) {
    throw queryError(`X-Amz-SignedHeaders "${rawSignedHeaders}" is malformed.`);
  }

  return {
    location: 'query',
    ...credential,
    requestDateTime: amzDate,
    signedHeaders,
    signature: parameters.get(SIGNATURE_QUERY_PARAMETER)!,
    securityToken: parameters.get(SECURITY_TOKEN_QUERY_PARAMETER),
  };
}
