/**
 * @module HTTP status of every S3 error code this server sends. Each code must
 * also be listed in docs/errors.md; a test checks that.
 */

export const S3_ERROR_STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  IllegalLocationConstraintException: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidToken: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  'KMS.DisabledException': 400,
  'KMS.InvalidCiphertextException': 400,
  'KMS.KMSInternalException': 500,
  'KMS.KMSInvalidStateException': 400,
  'KMS.NotFoundException': 400,
  MalformedXML: 400,
  MaxMessageLengthExceeded: 400,
  MetadataTooLarge: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  RequestTimeout: 400,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
};

/**
 * Returns the status for `code`. A `KMS.<type>` code not in the table is a KMS
 * client error passed through, so 400; any other unknown code is a bug, so 500.
 */
export function statusOfS3Error(code: string): number {
  const status = S3_ERROR_STATUS[code];
  if (status !== undefined) {
    return status;
  }
  return code.startsWith('KMS.') ? 400 : 500;
}
