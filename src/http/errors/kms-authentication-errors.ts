/**
 * @module Authentication failures as the KMS JSON API reports them. The
 * verifier raises S3's error codes; KMS names the same failures differently.
 */
import { KmsError } from '../../kms/kms-errors.js';
import type { AuthenticationError } from '../authentication/authentication-error.js';
import type { RequestContext } from '../request-context.js';

const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const ALLOWED_SKEW_MS = 15 * 60 * 1000;

export function toKmsAuthenticationError(error: AuthenticationError, context: RequestContext): KmsError {
  switch (error.code) {
    case 'SignatureDoesNotMatch':
    case 'XAmzContentSHA256Mismatch':
      return new KmsError('InvalidSignatureException', SIGNATURE_MISMATCH_MESSAGE);

    case 'RequestTimeTooSkewed':
      return new KmsError('InvalidSignatureException', signatureTimeMessage(context));

    case 'InvalidAccessKeyId':
    case 'InvalidToken':
      return new KmsError('UnrecognizedClientException', 'The security token included in the request is invalid.');

    case 'AccessDenied':
      return hasCredentials(context)
        ? new KmsError('AccessDeniedException', error.message)
        : new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');

    case 'AuthorizationHeaderMalformed':
    case 'AuthorizationQueryParametersError':
    case 'InvalidArgument':
    case 'InvalidRequest':
      return new KmsError('IncompleteSignatureException', error.message);

    case 'BadDigest':
    case 'IncompleteBody':
    case 'InvalidDigest':
    case 'MaxMessageLengthExceeded':
      return new KmsError('SerializationException', error.message);

    // Differs from AWS: KMS documents no error for a stalled request body, so
    // this reuses the error for a body that cannot be read as a request.
    case 'RequestTimeout':
      return new KmsError('SerializationException', error.message);

    case 'InvalidURI':
      return new KmsError('UnknownOperationException', error.message);
  }
}

/** AWS's text for a request date outside the allowed 15 minutes, in either direction. */
function signatureTimeMessage(context: RequestContext): string {
  const header = context.request.headers['x-amz-date'];
  const requestTime = typeof header === 'string' ? header : '';
  const now = context.receivedAt.getTime();
  const requestMs = parseAmzDate(requestTime);

  if (requestMs !== undefined && requestMs > now) {
    return `Signature not yet current: ${requestTime} is still later than ${formatAmzDate(now + ALLOWED_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`;
  }
  return `Signature expired: ${requestTime} is now earlier than ${formatAmzDate(now - ALLOWED_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`;
}

function hasCredentials(context: RequestContext): boolean {
  return context.request.headers.authorization !== undefined || (context.request.url ?? '').includes('X-Amz-Credential=');
}

function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function formatAmzDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
