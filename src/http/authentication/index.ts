/**
 * @module Server-side SigV4 authentication of S3 and KMS requests.
 */
export {
  authenticateRequest,
  MAX_BUFFERED_BODY_BYTES,
  type AuthenticateRequestOptions,
  type AuthenticatedRequest,
} from './authenticate-request.js';
export {
  AUTHENTICATION_ERROR_CODES,
  AUTHENTICATION_ERROR_STATUS,
  AuthenticationError,
  type AuthenticationErrorCode,
} from './authentication-error.js';
export { decodeS3Path } from './decode-s3-path.js';
