/**
 * @module Authenticates an S3 or KMS request signed with AWS Signature Version 4.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CredentialLookup } from '../../identity/credentials.js';
import type { Principal } from '../../identity/principals.js';
import type { RequestContext } from '../request-context.js';
import { AuthenticationError } from './authentication-error.js';
import { BodyIdleTimeout } from './body-idle-timeout.js';
import { createPayloadStream } from './create-payload-stream.js';
import { decodeS3Path } from './decode-s3-path.js';
import { parseSignedRequest } from './parse-signed-request.js';
import { planPayload } from './payload-plan.js';
import { readBoundedBody } from './read-bounded-body.js';
import { readReceivedRequest } from './received-request.js';
import { verifySignature } from './verify-signature.js';

/**
 * Largest body read into memory to hash it, which happens only for KMS
 * requests without `x-amz-content-sha256` (botocore sends none). KMS request
 * bodies are small JSON documents.
 * NOTE: chosen as a generous bound, not taken from a documented AWS limit.
 */
export const MAX_BUFFERED_BODY_BYTES = 1024 * 1024;

export interface AuthenticateRequestOptions {
  readonly service: 's3' | 'kms';
  /** The server's region. Signatures scoped to any other region are rejected. */
  readonly region: string;
  readonly lookupCredential: CredentialLookup;
  readonly now: Date;
  /**
   * Milliseconds the body may receive no data before it fails with
   * `RequestTimeout`. Unset, a stalled body waits forever.
   */
  readonly bodyIdleTimeoutMs?: number;
}

export interface AuthenticatedRequest {
  readonly principal: Principal;
  /**
   * The payload without aws-chunked framing. It fails with an
   * `AuthenticationError` at the first chunk signature, hash, checksum or
   * length that does not match, so nothing read from it may be committed
   * before it has ended without error.
   */
  readonly body: Readable;
  /** Payload length from `x-amz-decoded-content-length`, or `Content-Length` for unframed bodies. */
  readonly decodedContentLength: number | undefined;
}

/**
 * Checks a request's SigV4 signature (Authorization header or presigned URL)
 * and returns the caller with the body stream that verifies the payload.
 *
 * The body is only read through the returned stream, with one exception: a KMS
 * request without `x-amz-content-sha256` signs the body's SHA-256, so its body
 * (at most `MAX_BUFFERED_BODY_BYTES`) is read before the signature can be checked.
 *
 * @throws AuthenticationError with the S3 error code of the first failed check.
 */
export async function authenticateRequest(
  context: RequestContext,
  options: AuthenticateRequestOptions,
): Promise<AuthenticatedRequest> {
  const request = context.request;
  const received = readReceivedRequest(request);

  // A path that does not decode names no bucket or key, so it is rejected before any signature check.
  if (options.service === 's3') decodeS3Path(received.rawPath);

  // Checks that need no secret: signature format, time, scope and signed headers.
  const parameters = parseSignedRequest(received, {
    service: options.service,
    region: options.region,
    now: options.now,
  });

  // The server issues no temporary credentials, so it cannot validate any session token.
  if (parameters.securityToken !== undefined) {
    throw new AuthenticationError('InvalidToken', 'The provided token is malformed or otherwise invalid.');
  }

  const plan = planPayload(received, parameters, options.service);

  const credential = await options.lookupCredential(parameters.accessKeyId);
  if (credential === undefined) {
    throw new AuthenticationError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: parameters.accessKeyId,
    });
  }

  const idleTimeout =
    options.bodyIdleTimeoutMs === undefined ? undefined : new BodyIdleTimeout(request, context.response, options.bodyIdleTimeoutMs);

  // Without a declared payload hash the signature covers the body's own SHA-256.
  let source: Readable = request;
  let payloadHash = plan.signedPayloadHash;
  if (payloadHash === undefined) {
    const reading = readBoundedBody(request, MAX_BUFFERED_BODY_BYTES, idleTimeout?.signal);
    idleTimeout?.start();
    const body = await reading;
    payloadHash = createHash('sha256').update(body).digest('hex');
    source = Readable.from(body.length === 0 ? [] : [body]);
  }

  const uriMode = options.service === 's3' ? 's3' : 'standard';
  const signature = verifySignature(received, parameters, credential.secretAccessKey, payloadHash, uriMode);
  const body = createPayloadStream(source, plan, signature, idleTimeout?.signal);
  idleTimeout?.start();

  // The response closes before the body has ended when the client disconnects
  // mid-upload, or when the server answered without reading the whole body.
  // Either way the body is incomplete, and the error says so to any consumer
  // still reading it (a bare destroy() would surface as a premature close).
  context.response.once('close', () => {
    if (!body.readableEnded) body.destroy(incompleteBodyError());
  });

  return { principal: credential.principal, body, decodedContentLength: plan.decodedContentLength };
}

function incompleteBodyError(): AuthenticationError {
  return new AuthenticationError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );
}
