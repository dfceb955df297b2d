/**
 * @module Presigning a request: the signature goes into the query string.
 */
import {
  buildSignature,
  selectSignedHeaders,
  toHeaderList,
  toQueryParameters,
  type SignatureDetails,
  type SigningOptions,
} from './build-signature.js';
import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAMETER,
  CREDENTIAL_QUERY_PARAMETER,
  DATE_QUERY_PARAMETER,
  EXPIRES_QUERY_PARAMETER,
  MAX_PRESIGNED_EXPIRES_SECONDS,
  SECURITY_TOKEN_QUERY_PARAMETER,
  SIGNATURE_QUERY_PARAMETER,
  SIGNED_HEADERS_QUERY_PARAMETER,
  UNSIGNED_PAYLOAD,
} from './constants.js';
import { createCredentialScope } from './create-credential-scope.js';
import { formatAmzDate } from './format-amz-date.js';
import { getCanonicalQuery } from './get-canonical-query.js';
import { uriEncode } from './uri-encode.js';
import type { SignableRequest } from './types.js';

export interface PresignRequestOptions extends SigningOptions {
  /** Lifetime of the URL in seconds, from 0 to 604800 (7 days). */
  readonly expiresIn: number;
  /** Value signed in place of the body's hash. Defaults to `UNSIGNED-PAYLOAD`. */
  readonly payloadHash?: string;
}

export interface PresignedRequest extends SignatureDetails {
  /** The request's query parameters plus the `X-Amz-*` ones, including `X-Amz-Signature`. */
  readonly query: Record<string, string | readonly string[]>;
  /** The same parameters as a ready-to-send query string, without the leading `?`. */
  readonly queryString: string;
}

/**
 * Presigns a request so that anyone holding the URL may send it until it
 * expires. The headers present (normally only `host`) are signed and must be
 * sent unchanged. The body is not signed unless `payloadHash` gives its hash.
 */
export function presignRequest(request: SignableRequest, options: PresignRequestOptions): PresignedRequest {
  const { expiresIn } = options;
  if (!Number.isInteger(expiresIn) || expiresIn < 0 || expiresIn > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw new RangeError(
      `Invalid expiresIn ${expiresIn}: a presigned URL lasts a whole number of seconds from 0 to ${MAX_PRESIGNED_EXPIRES_SECONDS}.`,
    );
  }

  const headerList = toHeaderList(request.headers);
  const signedHeaders = selectSignedHeaders(headerList, options.unsignedHeaders);
  const requestDateTime = formatAmzDate(options.signingDate);
  const credentialScope = createCredentialScope(requestDateTime.slice(0, 8), options.region, options.service);

  // Every X-Amz-* parameter except the signature is itself signed.
  const query: Record<string, string | readonly string[]> = {
    ...request.query,
    [ALGORITHM_QUERY_PARAMETER]: ALGORITHM,
    [CREDENTIAL_QUERY_PARAMETER]: `${options.credentials.accessKeyId}/${credentialScope}`,
    [DATE_QUERY_PARAMETER]: requestDateTime,
    [EXPIRES_QUERY_PARAMETER]: String(expiresIn),
    [SIGNED_HEADERS_QUERY_PARAMETER]: signedHeaders.join(';'),
  };
  if (options.credentials.sessionToken !== undefined) {
    query[SECURITY_TOKEN_QUERY_PARAMETER] = options.credentials.sessionToken;
  }

  const parameters = toQueryParameters(query);
  const details = buildSignature(
    request,
    headerList,
    signedHeaders,
    parameters,
    options.payloadHash ?? UNSIGNED_PAYLOAD,
    options,
  );

  query[SIGNATURE_QUERY_PARAMETER] = details.signature;
  const queryString = `${getCanonicalQuery(parameters)}&${SIGNATURE_QUERY_PARAMETER}=${uriEncode(details.signature)}`;
  return { ...details, query, queryString };
}
