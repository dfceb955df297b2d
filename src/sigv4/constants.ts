/**
 * @module Names and fixed values of AWS Signature Version 4.
 */

/** Algorithm name in the `Authorization` header, `X-Amz-Algorithm` and the string to sign. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Algorithm line of the string to sign for each chunk of an aws-chunked body. */
export const CHUNK_ALGORITHM = 'AWS4-HMAC-SHA256-PAYLOAD';

/** Algorithm line of the string to sign for the trailer of an aws-chunked body. */
export const TRAILER_ALGORITHM = 'AWS4-HMAC-SHA256-TRAILER';

/** Last element of every credential scope. */
export const SCOPE_TERMINATOR = 'aws4_request';

// Lowercase header names, as they appear in canonical headers.
export const AUTHORIZATION_HEADER = 'authorization';
export const HOST_HEADER = 'host';
export const DATE_HEADER = 'date';
export const AMZ_DATE_HEADER = 'x-amz-date';
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';
export const SECURITY_TOKEN_HEADER = 'x-amz-security-token';

// Query parameters of a presigned URL. AWS matches these names case-sensitively.
export const ALGORITHM_QUERY_PARAMETER = 'X-Amz-Algorithm';
export const CREDENTIAL_QUERY_PARAMETER = 'X-Amz-Credential';
export const DATE_QUERY_PARAMETER = 'X-Amz-Date';
export const EXPIRES_QUERY_PARAMETER = 'X-Amz-Expires';
export const SIGNED_HEADERS_QUERY_PARAMETER = 'X-Amz-SignedHeaders';
export const SIGNATURE_QUERY_PARAMETER = 'X-Amz-Signature';
export const SECURITY_TOKEN_QUERY_PARAMETER = 'X-Amz-Security-Token';

/** Maximum lifetime of a presigned URL in seconds (7 days). AWS accepts this value itself. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

/** Largest difference between the request time and the server clock that AWS accepts (15 minutes). */
export const MAX_CLOCK_SKEW_MILLISECONDS = 900_000;

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// Values of `x-amz-content-sha256` that stand in for the hash of the payload.
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_PAYLOAD_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/**
 * Headers a signer leaves out of the signature by default, because proxies,
 * browsers and HTTP clients add, drop or rewrite them in transit. Names starting
 * with `proxy-` or `sec-` are left out as well (see `UNSIGNABLE_HEADER_PREFIXES`).
 */
export const UNSIGNABLE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

export const UNSIGNABLE_HEADER_PREFIXES: readonly string[] = ['proxy-', 'sec-'];
