/**
 * @module Finds how a request is signed and reads its SigV4 parameters.
 */
import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAMETER,
  AUTHORIZATION_HEADER,
  CONTENT_SHA256_HEADER,
  HOST_HEADER,
} from '../../sigv4/constants.js';
import { parseQueryString } from '../../sigv4/parse-query-string.js';
import { AuthenticationError } from './authentication-error.js';
import { headerValue, type ReceivedRequest } from './received-request.js';
import type { SignatureExpectations, SignatureParameters } from './signature-parameters.js';
import { readAuthorizationHeader } from './verify-signed-headers.js';
import { readPresignedQuery } from './verify-presigned-url.js';

const utf8Decoder = new TextDecoder();

function unsupportedMechanism(): AuthenticationError {
  return new AuthenticationError(
    'InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
  );
}

/** Maps each decoded query parameter name to its first decoded value. */
export function readQueryParameters(rawQuery: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of parseQueryString(rawQuery)) {
    const decodedName = typeof name === 'string' ? name : utf8Decoder.decode(name);
    if (!parameters.has(decodedName)) {
      parameters.set(decodedName, typeof value === 'string' ? value : utf8Decoder.decode(value));
    }
  }
  return parameters;
}

/**
 * S3 requires `host`, `content-md5` and every `x-amz-*` header except
 * `x-amz-content-sha256` to be signed, so that the holder of a presigned URL or
 * of a captured request cannot add one. Other services only require `host`.
 */
function checkSignedHeaders(
  received: ReceivedRequest,
  parameters: SignatureParameters,
  expectations: SignatureExpectations,
): void {
  const signed = new Set(parameters.signedHeaders);

  if (expectations.service !== 's3') {
    if (signed.has(HOST_HEADER)) return;
    const message = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
    throw parameters.location === 'header'
      ? new AuthenticationError('AuthorizationHeaderMalformed', message)
      : new AuthenticationError('AuthorizationQueryParametersError', message);
  }

  const unsigned = new Set<string>();
  for (const [name] of received.headers) {
    const lower = name.toLowerCase();
    const mustBeSigned =
      lower === HOST_HEADER ||
      lower === 'content-md5' ||
      (lower.startsWith('x-amz-') && lower !== CONTENT_SHA256_HEADER);
    if (mustBeSigned && !signed.has(lower)) unsigned.add(lower);
  }
  if (!signed.has(HOST_HEADER)) unsigned.add(HOST_HEADER);

  if (unsigned.size > 0) {
    throw new AuthenticationError('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: [...unsigned].sort().join(', '),
    });
  }
}

/**
 * Reads the SigV4 signature from the `Authorization` header or the query
 * string and checks everything that needs no secret: format, request time,
 * expiry, credential scope and which headers are signed.
 *
 * @throws AuthenticationError `AccessDenied` when the request carries no signature at all.
 */
export function parseSignedRequest(received: ReceivedRequest, expectations: SignatureExpectations): SignatureParameters {
  const authorization = headerValue(received, AUTHORIZATION_HEADER);
  const hasAuthorization = authorization !== undefined && authorization !== '';
  const query = readQueryParameters(received.rawQuery);
  const presigned = query.has(ALGORITHM_QUERY_PARAMETER);
  const presignedVersion2 = query.has('Signature') && query.has('AWSAccessKeyId');

  if (hasAuthorization && (presigned || presignedVersion2)) {
    throw new AuthenticationError(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization' },
    );
  }

  let parameters: SignatureParameters;
  if (hasAuthorization) {
    const space = authorization.indexOf(' ');
    if (space === -1) {
      throw new AuthenticationError(
        'InvalidArgument',
        "Authorization header is invalid -- one and only one ' ' (space) required",
        { ArgumentName: 'Authorization' },
      );
    }

    // Version 2 (`AWS AKID:signature`) and SigV4a are recognised but not supported.
    const scheme = authorization.slice(0, space).toUpperCase();
    if (scheme === 'AWS' || scheme === 'AWS4-ECDSA-P256-SHA256') throw unsupportedMechanism();
    if (scheme !== ALGORITHM) {
      // The header's value is not echoed: it may hold another scheme's secret token.
      throw new AuthenticationError('InvalidArgument', 'Unsupported Authorization Type', {
        ArgumentName: 'Authorization',
      });
    }
    parameters = readAuthorizationHeader(received, authorization.slice(space + 1), expectations);
  } else if (presigned) {
    parameters = readPresignedQuery(query, expectations);
  } else if (presignedVersion2) {
    throw unsupportedMechanism();
  } else {
    // TODO: serve anonymous requests once bucket policies can grant them access.
    throw new AuthenticationError('AccessDenied', 'Access Denied');
  }

  checkSignedHeaders(received, parameters, expectations);
  return parameters;
}
