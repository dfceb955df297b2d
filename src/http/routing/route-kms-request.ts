/**
 * @module KMS routing: the AWS JSON 1.1 protocol. Every request is
 * `POST /` with `X-Amz-Target: TrentService.<Operation>` and a JSON body.
 */
import type { KmsService } from '../../kms/kms-service.js';
import { KmsError } from '../../kms/kms-errors.js';
import { writeKmsError } from '../errors/write-kms-error.js';
import { aliasHandlers } from '../kms-handlers/aliases.js';
import { cryptographicHandlers } from '../kms-handlers/cryptographic-operations.js';
import { keyPolicyHandlers } from '../kms-handlers/key-policies.js';
import { keyHandlers } from '../kms-handlers/keys.js';
import type { KmsOperationHandler } from '../kms-handlers/kms-operation-handler.js';
import { isObject } from '../kms-handlers/request-fields.js';
import { JsonBodyError, readJsonBody } from '../parsing/read-json-body.js';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { KMS_CONTENT_TYPE, writeKmsJson } from '../responses/write-kms-json.js';

export const KMS_TARGET_PREFIX = 'TrentService.';

/**
 * Largest request body read. The largest KMS request member is a 131072
 * character key policy, which JSON escaping can make longer in bytes.
 */
export const MAX_KMS_REQUEST_BYTES = 1024 * 1024;

const OPERATIONS: ReadonlyMap<string, KmsOperationHandler> = new Map(
  Object.entries({ ...keyHandlers, ...aliasHandlers, ...keyPolicyHandlers, ...cryptographicHandlers }),
);

/** Serves one KMS request, writing the response or the error, and never throws. */
export async function handleKmsRequest(context: AuthenticatedRequestContext, kms: KmsService): Promise<void> {
  try {
    const handler = selectOperation(context);
    const input = await readInput(context);
    const output = await handler(kms, context.principal, input);
    writeKmsJson(context, output);
  } catch (error) {
    writeKmsError(context, error);
  }
}

function selectOperation(context: AuthenticatedRequestContext): KmsOperationHandler {
  const request = context.request;
  if (request.method !== 'POST' || (request.url ?? '/') !== '/') {
    throw new KmsError('UnknownOperationException', `Unsupported ${request.method ?? 'unknown'} request: KMS operations are POST requests to the path /.`);
  }

  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== KMS_CONTENT_TYPE) {
    throw new KmsError('UnknownOperationException', `KMS requests must have Content-Type ${KMS_CONTENT_TYPE}.`);
  }

  const target = request.headers['x-amz-target'];
  const operation = typeof target === 'string' && target.startsWith(KMS_TARGET_PREFIX) ? target.slice(KMS_TARGET_PREFIX.length) : undefined;
  const handler = operation === undefined ? undefined : OPERATIONS.get(operation);
  if (!handler) {
    throw new KmsError('UnknownOperationException', `Unknown operation ${typeof target === 'string' ? target : '(no X-Amz-Target header)'}.`);
  }

  context.log.debug({ operation }, 'KMS operation');
  return handler;
}

/**
 * Reads the whole body before acting: the body stream verifies the request's
 * payload hash as it ends, so nothing may happen before it has ended cleanly.
 */
async function readInput(context: AuthenticatedRequestContext): Promise<Readonly<Record<string, unknown>>> {
  let parsed: unknown;
  try {
    parsed = await readJsonBody(context.body, MAX_KMS_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof JsonBodyError) {
      // Differs from AWS: AWS's reply to an oversized body is undocumented; this reports it as invalid input.
      const type = error.problem === 'too-large' ? 'ValidationException' : 'SerializationException';
      throw new KmsError(type, error.message);
    }
    throw error;
  }

  if (!isObject(parsed)) {
    throw new KmsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed;
}
