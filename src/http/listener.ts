/**
 * @module The HTTP edge: one pipeline for every request, S3 and KMS alike.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type { CredentialLookup } from '../identity/credentials.js';
import type { KmsService } from '../kms/kms-service.js';
import type { S3Service } from '../s3/s3-service.js';
import type { AuthenticatedRequestContext, RequestContext } from './request-context.js';
import { authenticateRequest } from './authentication/authenticate-request.js';
import { handleKmsRequest } from './routing/route-kms-request.js';
import { handleS3Request } from './routing/route-s3-request.js';
import { writeKmsError } from './errors/write-kms-error.js';
import { writeS3Error } from './errors/write-s3-error.js';

export interface ListenerServices {
  readonly log: Logger;
  readonly region: string;
  readonly virtualHostSuffixes: readonly string[];
  readonly lookupCredential: CredentialLookup;
  readonly kms: KmsService;
  readonly s3: S3Service;
  readonly clock?: () => Date;
  /** Milliseconds a request body may receive no data before it fails with RequestTimeout. Unset: no limit. */
  readonly bodyIdleTimeoutMs?: number;
}

/** Creates the HTTP server; the caller decides where it listens. */
export function createListener(services: ListenerServices): Server {
  const server = createServer((request, response) => {
    handleRequest(services, request, response).catch((error: unknown) => {
      // handleRequest writes its own errors; reaching here means writing the error failed.
      services.log.error({ err: error }, 'Request handling failed after the response started');
      response.destroy();
    });
  });

  // Uploads of large objects may take longer than Node's default 5-minute
  // request timeout; headers must still arrive promptly. A body that stops
  // arriving fails on its own idle timeout (see BodyIdleTimeout).
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handleRequest(services: ListenerServices, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const clock = services.clock ?? (() => new Date());
  const context = createRequestContext(services.log, request, response, clock());
  const protocol = isKmsRequest(request) ? 'kms' : 's3';

  // Log allow-listed fields only: the query string may hold a presigned signature.
  context.log.info({ method: request.method, path: pathWithoutQuery(request.url), protocol, remoteAddress: context.sourceIp }, 'request started');
  logRequestEnd(context, response);

  try {
    // Verify the signature before anything else looks at the request.
    const authenticated = await authenticateRequest(context, {
      service: protocol,
      region: services.region,
      lookupCredential: services.lookupCredential,
      now: context.receivedAt,
      bodyIdleTimeoutMs: services.bodyIdleTimeoutMs,
    });
    const authenticatedContext: AuthenticatedRequestContext = { ...context, ...authenticated };

    if (protocol === 'kms') {
      await handleKmsRequest(authenticatedContext, services.kms);
    } else {
      await handleS3Request(authenticatedContext, services.s3, { region: services.region, virtualHostSuffixes: services.virtualHostSuffixes });
    }
  } catch (error) {
    if (clientDisconnected(request, response)) {
      // Nothing can reach the client any more, and its leaving is no server fault.
      context.log.info({ code: errorCode(error) }, 'Client closed the connection before the response was complete');
      return;
    }
    if (response.headersSent) {
      // A streamed GET failed midway; the client sees a short body and must not trust it.
      context.log.error({ err: error }, 'Response failed after headers were sent');
      response.destroy();
      return;
    }
    if (protocol === 'kms') {
      writeKmsError(context, error);
    } else {
      writeS3Error(context, error);
    }
  }
}

/**
 * Logs the end of the request once: on `finish` when the response was sent,
 * or on `close` with `aborted: true` when the connection closed first.
 */
function logRequestEnd(context: RequestContext, response: ServerResponse): void {
  let logged = false;
  const log = (aborted: boolean): void => {
    if (logged) return;
    logged = true;

    const fields = { status: response.statusCode, durationMs: Date.now() - context.receivedAt.getTime(), aborted };
    // 501 reports a feature the server lacks, which the client chose to use, so it is not a server fault.
    if (!aborted && response.statusCode >= 500 && response.statusCode !== 501) {
      context.log.error(fields, 'request finished');
    } else {
      context.log.info(fields, 'request finished');
    }
  };
  response.once('finish', () => log(false));
  response.once('close', () => log(!response.writableFinished));
}

/** True when the client's socket closed before the whole response was written. */
function clientDisconnected(request: IncomingMessage, response: ServerResponse): boolean {
  return !response.writableFinished && request.socket.destroyed;
}

/** Returns the AWS error code of `error` for the log, or undefined when it has none. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Tells KMS requests apart from S3 ones. S3 never sends X-Amz-Target or an AWS
 * JSON body, so any request with either goes to KMS, which rejects a target it
 * does not serve with UnknownOperationException in its own JSON form.
 */
export function isKmsRequest(request: Pick<IncomingMessage, 'headers'>): boolean {
  if (request.headers['x-amz-target'] !== undefined) {
    return true;
  }
  const contentType = request.headers['content-type'];
  return typeof contentType === 'string' && contentType.toLowerCase().startsWith('application/x-amz-json');
}

function createRequestContext(log: Logger, request: IncomingMessage, response: ServerResponse, receivedAt: Date): RequestContext {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  response.setHeader('x-amz-request-id', requestId);
  return {
    requestId,
    log: log.child({ requestId }),
    receivedAt,
    sourceIp: request.socket.remoteAddress ?? '',
    request,
    response,
  };
}

function pathWithoutQuery(url: string | undefined): string {
  const path = url ?? '';
  const queryStart = path.indexOf('?');
  return queryStart === -1 ? path : path.slice(0, queryStart);
}
