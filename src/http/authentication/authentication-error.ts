/**
 * @module Errors raised while authenticating a request, named by S3's error
 * codes. The S3 edge sends them as S3 XML and the KMS edge maps them to KMS
 * exception types, so the set of codes is closed and listed here.
 */

/** HTTP status S3 sends with each code. */
export const AUTHENTICATION_ERROR_STATUS = {
  /** No credentials, an expired or not-yet-valid presigned URL, or unsigned `x-amz-*` headers. */
  AccessDenied: 403,
  /** The `Authorization` header or its credential scope cannot be used. */
  AuthorizationHeaderMalformed: 400,
  /** A presigned URL's `X-Amz-*` parameters cannot be used. */
  AuthorizationQueryParametersError: 400,
  /** A checksum (`x-amz-checksum-*`, `Content-MD5`) does not match the body. */
  BadDigest: 400,
  /** The body is shorter or longer than declared, or its aws-chunked framing is broken. */
  IncompleteBody: 400,
  /** The access key id is unknown or inactive. */
  InvalidAccessKeyId: 403,
  /** A header has a value S3 does not accept, such as an unknown `x-amz-content-sha256`. */
  InvalidArgument: 400,
  /** `Content-MD5` is not the base64 of 16 bytes. */
  InvalidDigest: 400,
  /** Unsupported signature version, missing `x-amz-content-sha256`, or unusable checksum headers. */
  InvalidRequest: 400,
  /** A session token was sent, but the server issues no temporary credentials. */
  InvalidToken: 400,
  /** The path is not valid percent-encoded UTF-8. */
  InvalidURI: 400,
  /** The body is larger than the server buffers to hash it. */
  MaxMessageLengthExceeded: 400,
  /** The body received no data for longer than the server's idle timeout. */
  RequestTimeout: 400,
  /** The request time is more than 15 minutes from the server clock. */
  RequestTimeTooSkewed: 403,
  /** A request, chunk or trailer signature does not match. */
  SignatureDoesNotMatch: 403,
  /** The body's SHA-256 differs from `x-amz-content-sha256`. */
  XAmzContentSHA256Mismatch: 400,
} as const;

export type AuthenticationErrorCode = keyof typeof AUTHENTICATION_ERROR_STATUS;

export const AUTHENTICATION_ERROR_CODES = Object.keys(AUTHENTICATION_ERROR_STATUS) as AuthenticationErrorCode[];

/**
 * A rejected request. `message` is the text AWS sends for the same failure and
 * `details` contains the extra elements AWS adds to the error body (such as
 * `AWSAccessKeyId` or `ServerTime`). Neither ever contains a secret.
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code: AuthenticationErrorCode;
  readonly statusCode: number;
  readonly details: Readonly<Record<string, string>>;

  constructor(code: AuthenticationErrorCode, message: string, details: Readonly<Record<string, string>> = {}) {
    super(message);
    this.code = code;
    this.statusCode = AUTHENTICATION_ERROR_STATUS[code];
    this.details = details;
  }
}
