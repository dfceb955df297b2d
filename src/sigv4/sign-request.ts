/**
 * @module Signing a request with the `Authorization` header.
 */
import {
  buildSignature,
  selectSignedHeaders,
  toHeaderList,
  toQueryParameters,
  withoutHeader,
  type SignatureDetails,
  type SigningOptions,
} from './build-signature.js';
import {
  ALGORITHM,
  AMZ_DATE_HEADER,
  AUTHORIZATION_HEADER,
  CONTENT_SHA256_HEADER,
  EMPTY_SHA256,
  SECURITY_TOKEN_HEADER,
} from './constants.js';
import { formatAmzDate } from './format-amz-date.js';
import { toHex } from './to-hex.js';
import type { SignableRequest } from './types.js';

export interface SignRequestOptions extends SigningOptions {
  /**
   * Value signed in place of the body's hash, such as `UNSIGNED-PAYLOAD` or
   * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`. Defaults to the hex SHA-256 of the body.
   */
  readonly payloadHash?: string;
  /** Whether to send and sign `x-amz-content-sha256`. S3 requires it, so the default is true for `s3`. */
  readonly addContentSha256Header?: boolean;
}

export interface SignedRequest extends SignatureDetails {
  /** The request's headers plus `x-amz-date`, `authorization` and, where they apply, `x-amz-content-sha256` and `x-amz-security-token`. */
  readonly headers: Record<string, string | readonly string[]>;
}

/**
 * Signs a request by adding an `Authorization` header. Every header present is
 * signed except the unsignable ones (`UNSIGNABLE_HEADERS`). A session token in
 * the credentials is sent as `x-amz-security-token` and signed. A token header
 * already on the request is signed like any other header.
 */
export function signRequest(request: SignableRequest, options: SignRequestOptions): SignedRequest {
  // Drop any stale copies of the headers this function sets, whatever their case.
  let headers: Record<string, string | readonly string[]> = { ...request.headers };
  for (const name of [AUTHORIZATION_HEADER, AMZ_DATE_HEADER, CONTENT_SHA256_HEADER]) {
    headers = withoutHeader(headers, name);
  }

  const payloadHash =
    options.payloadHash ?? (request.body === undefined ? EMPTY_SHA256 : toHex(options.hashing.sha256(request.body)));
  headers[AMZ_DATE_HEADER] = formatAmzDate(options.signingDate);
  if (options.addContentSha256Header ?? options.service === 's3') {
    headers[CONTENT_SHA256_HEADER] = payloadHash;
  }
  if (options.credentials.sessionToken !== undefined) {
    headers = withoutHeader(headers, SECURITY_TOKEN_HEADER);
    headers[SECURITY_TOKEN_HEADER] = options.credentials.sessionToken;
  }

  const headerList = toHeaderList(headers);
  const signedHeaders = selectSignedHeaders(headerList, options.unsignedHeaders);
  const details = buildSignature(
    request,
    headerList,
    signedHeaders,
    toQueryParameters(request.query ?? {}),
    payloadHash,
    options,
  );

  const { accessKeyId } = options.credentials;
  const credential = `${accessKeyId}/${details.chunkSigning.credentialScope}`;
  headers[AUTHORIZATION_HEADER] =
    `${ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=${details.signature}`;

  return { ...details, headers };
}
