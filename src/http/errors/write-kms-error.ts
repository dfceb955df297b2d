/**
 * @module Writes any error as a KMS JSON error response: `{"__type", "message"}`.
 */
import { KmsError } from '../../kms/kms-errors.js';
import { AuthenticationError } from '../authentication/authentication-error.js';
import type { RequestContext } from '../request-context.js';
import { writeKmsResponse } from '../responses/write-kms-json.js';
import { toKmsAuthenticationError } from './kms-authentication-errors.js';
import { KMS_ERROR_STATUS } from './kms-error-table.js';

const INTERNAL_ERROR = new KmsError('KMSInternalException', 'The request failed because of an internal error. Try again later.');

/**
 * Sends `error` to the client: KmsError as it is, AuthenticationError mapped to
 * KMS's authentication errors, anything else as KMSInternalException with no
 * detail, logged at error level with the request id.
 */
export function writeKmsError(context: RequestContext, error: unknown): void {
  const clientError = toClientError(error, context);
  const status = KMS_ERROR_STATUS[clientError.type];

  if (status >= 500) {
    context.log.error({ err: error }, 'KMS request failed with an internal error');
  } else {
    context.log.info({ errorType: clientError.type }, 'KMS request rejected');
  }

  if (context.response.headersSent) {
    context.response.destroy();
    return;
  }

  const body = Buffer.from(JSON.stringify({ __type: clientError.type, message: clientError.message }), 'utf8');
  writeKmsResponse(context, status, body);
}

function toClientError(error: unknown, context: RequestContext): KmsError {
  if (error instanceof KmsError) {
    return error;
  }
  if (error instanceof AuthenticationError) {
    return toKmsAuthenticationError(error, context);
  }
  return INTERNAL_ERROR;
}
