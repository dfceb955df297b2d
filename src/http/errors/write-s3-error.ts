/**
 * @module Writes any error as S3's XML error response.
 */
import { AuthenticationError } from '../authentication/authentication-error.js';
import type { RequestContext } from '../request-context.js';
import { buildS3Xml, setS3ResponseHeaders, type XmlElement } from '../responses/write-s3-xml.js';
import { S3Error } from '../../s3/s3-errors.js';
import { S3_ERROR_STATUS, statusOfS3Error } from './s3-error-table.js';

interface ClientError {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, string>>;
  readonly status: number;
}

const INTERNAL_ERROR: ClientError = {
  code: 'InternalError',
  message: 'We encountered an internal error. Please try again.',
  details: {},
  status: 500,
};

/**
 * Sends `error` as an S3 error response. S3Error and AuthenticationError keep
 * their code and message. Any other error becomes InternalError with no detail
 * and is logged at error level. HEAD responses carry the status only, as in S3.
 */
export function writeS3Error(context: RequestContext, error: unknown): void {
  const clientError = toClientError(error);
  if (clientError === INTERNAL_ERROR) {
    context.log.error({ err: error }, 'S3 request failed with an internal error');
  } else {
    context.log.info({ code: clientError.code }, 'S3 request rejected');
  }

  const hostId = setS3ResponseHeaders(context);
  const response = context.response;
  if (context.request.method === 'HEAD') {
    response.writeHead(clientError.status, { 'Content-Length': '0' });
    response.end();
    return;
  }

  const content: XmlElement = { Code: clientError.code, Message: clientError.message };
  for (const [name, value] of Object.entries(clientError.details)) {
    content[name] = value;
  }
  content.Resource = resourceOf(context.request.url);
  content.RequestId = context.requestId;
  content.HostId = hostId;

  // S3 sends error documents without a namespace.
  const body = Buffer.from(buildS3Xml('Error', content, false), 'utf8');
  response.writeHead(clientError.status, { 'Content-Type': 'application/xml', 'Content-Length': String(body.length) });
  response.end(body);
}

function toClientError(error: unknown): ClientError {
  if (error instanceof S3Error) {
    // A KMS internal failure is reported like any other internal error.
    if (error.code === 'InternalError' || error.code === 'KMS.KMSInternalException') {
      return INTERNAL_ERROR;
    }
    return { code: error.code, message: error.message, details: error.details, status: statusOfS3Error(error.code) };
  }
  if (error instanceof AuthenticationError) {
    return { code: error.code, message: error.message, details: error.details, status: S3_ERROR_STATUS[error.code] ?? error.statusCode };
  }
  return INTERNAL_ERROR;
}

/** Strips the query from the request URL, because it may contain a presigned signature. */
function resourceOf(url: string | undefined): string {
  const path = url ?? '/';
  const queryStart = path.indexOf('?');
  return queryStart === -1 ? path : path.slice(0, queryStart);
}
