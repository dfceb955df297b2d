/**
 * @module S3 errors raised by the domain layer. Each carries the AWS error code,
 * and the HTTP edge maps codes to statuses and writes the XML body.
 */

/** Error codes the S3 domain raises. `KMS.<type>` codes pass a KMS failure through. */
export type S3ErrorCode =
  | 'AccessDenied'
  | 'BadDigest'
  | 'BucketAlreadyExists'
  | 'BucketAlreadyOwnedByYou'
  | 'BucketNotEmpty'
  | 'EntityTooLarge'
  | 'EntityTooSmall'
  | 'IllegalLocationConstraintException'
  | 'IncompleteBody'
  | 'InternalError'
  | 'InvalidArgument'
  | 'InvalidBucketName'
  | 'InvalidDigest'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'InvalidRange'
  | 'InvalidRequest'
  | 'KeyTooLongError'
  | 'MalformedXML'
  | 'MaxMessageLengthExceeded'
  | 'MetadataTooLarge'
  | 'MethodNotAllowed'
  | 'MissingContentLength'
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'NoSuchUpload'
  | 'NoSuchVersion'
  | 'NotImplemented'
  | 'PreconditionFailed'
  | `KMS.${string}`;

/**
 * An S3 error as the client sees it. `details` become extra elements of the
 * error XML (`BucketName`, `Key`, `ArgumentName`, ...), so they must never
 * contain secrets.
 */
export class S3Error extends Error {
  override name = 'S3Error';

  constructor(
    readonly code: S3ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
}

export function noSuchKey(key: string): S3Error {
  return new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key });
}

export function accessDenied(): S3Error {
  return new S3Error('AccessDenied', 'Access Denied');
}

export function invalidArgument(message: string, argumentName: string, argumentValue?: string): S3Error {
  const details: Record<string, string> = { ArgumentName: argumentName };
  if (argumentValue !== undefined) {
    details.ArgumentValue = argumentValue;
  }
  return new S3Error('InvalidArgument', message, details);
}

export function malformedXml(): S3Error {
  return new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
}
