/**
 * @module Reading a signature from the `Authorization` header.
 */
import { AMZ_DATE_HEADER, DATE_HEADER, SECURITY_TOKEN_HEADER } from '../../sigv4/constants.js';
import { formatAmzDate } from '../../sigv4/format-amz-date.js';
import { parseAmzDate } from '../../sigv4/parse-amz-date.js';
import { AuthenticationError } from './authentication-error.js';
import { HEADER_CREDENTIAL_ERRORS, parseCredential } from './credential-scope.js';
import { headerValue, type ReceivedRequest } from './received-request.js';
import { checkClockSkew } from './request-time.js';
import type { SignatureExpectations, SignatureParameters } from './signature-parameters.js';

const MALFORMED_PREFIX = 'The authorization header is malformed; ';

function malformed(message: string): AuthenticationError {
  return new AuthenticationError('AuthorizationHeaderMalformed', MALFORMED_PREFIX + message);
}

/**
 * Splits `Credential=..., SignedHeaders=..., Signature=...` (the part after the
 * algorithm). Components may come in any order, and spaces after commas are optional.
 */
function parseComponents(text: string): { credential: string; signedHeaders: string; signature: string } {
  const components = new Map<string, string>();
  for (const piece of text.split(',')) {
    const component = piece.trim();
    const equals = component.indexOf('=');
    if (equals <= 0) throw malformed(`the authorization component "${component}" is malformed.`);
    components.set(component.slice(0, equals), component.slice(equals + 1));
  }

  const credential = components.get('Credential');
  const signedHeaders = components.get('SignedHeaders');
  const signature = components.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw malformed('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  return { credential, signedHeaders, signature };
}

/** Reads the request time from `x-amz-date`, or from `Date` when `x-amz-date` is absent. */
function readRequestTime(received: ReceivedRequest): { time: Date; raw: string; amzDate: string } {
  const amzDate = headerValue(received, AMZ_DATE_HEADER);
  if (amzDate !== undefined) {
    const time = parseAmzDate(amzDate);
    if (time !== undefined) return { time, raw: amzDate, amzDate };
  } else {
    const date = headerValue(received, DATE_HEADER);
    const milliseconds = date === undefined ? Number.NaN : Date.parse(date);
    if (date !== undefined && Number.isFinite(milliseconds)) {
      const time = new Date(milliseconds);
      return { time, raw: date, amzDate: formatAmzDate(time) };
    }
  }
  throw new AuthenticationError('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
}

/**
 * Reads and checks an `AWS4-HMAC-SHA256` Authorization header, in S3's order:
 * request time, clock skew, the three components, the credential scope and
 * the scope's date. `componentsText` is the header after the algorithm name.
 */
export function readAuthorizationHeader(
  received: ReceivedRequest,
  componentsText: string,
  expectations: SignatureExpectations,
): SignatureParameters {
  const requestTime = readRequestTime(received);
  checkClockSkew(requestTime.time, requestTime.raw, expectations.now);

  const components = parseComponents(componentsText);
  const credential = parseCredential(components.credential, expectations, HEADER_CREDENTIAL_ERRORS);
  if (credential.scopeDate !== requestTime.amzDate.slice(0, 8)) {
    throw malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  }

  const signedHeaders = components.signedHeaders.split(';').map((name) => name.toLowerCase());
  if (signedHeaders.some((name) => name === '')) {
    throw malformed(`the SignedHeaders component "${components.signedHeaders}" is malformed.`);
  }

  return {
    location: 'header',
    ...credential,
    requestDateTime: requestTime.amzDate,
    signedHeaders,
    signature: components.signature,
    securityToken: headerValue(received, SECURITY_TOKEN_HEADER),
  };
}
