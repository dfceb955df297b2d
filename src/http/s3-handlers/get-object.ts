/**
 * @module HTTP handler for GetObject and HeadObject, with conditional requests
 * and `response-*` header overrides.
 */
import { pipeline } from 'node:stream/promises';
import { validateHeaderValue, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { setS3ResponseHeaders } from '../responses/write-s3-xml.js';
import { invalidArgument, S3Error } from '../../s3/s3-errors.js';
import type { ObjectDescription } from '../../s3/objects/read-object.js';
import type { S3Service } from '../../s3/s3-service.js';
import { rejectCustomerKeyOnRead } from '../../s3/server-side-encryption/encryption-request.js';
import { objectResponseHeaders, readEncryptionHeaders } from './object-headers.js';
import { resolveRangeHeader } from './range-header.js';
import { etagListMatches, parseHttpDate, preconditionFailed } from '../../s3/objects/preconditions.js';

/** Query parameters of a GET that replace a stored header in the response. */
const RESPONSE_OVERRIDES: ReadonlyArray<[string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];

export async function handleGetObject(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  const isHead = context.request.method === 'HEAD';
  const response = context.response;
  setS3ResponseHeaders(context);
  const checksumMode = context.request.headers['x-amz-checksum-mode'] === 'ENABLED';
  const overrides = isHead ? {} : readResponseOverrides(query);

  // Conditions and the range are settled on the metadata alone, before any
  // blob read. KMS is called only when checksum mode needs kms:Decrypt.
  const described = await s3.headObject(context.principal, bucket, key, { checksumMode: isHead && checksumMode });
  rejectCustomerKeyOnRead(readEncryptionHeaders(context.request.headers));
  const outcome = evaluateConditions(context.request.headers, described);
  if (outcome !== 'proceed') {
    if (outcome === 'precondition-failed') {
      throw preconditionFailed();
    }
    response.writeHead(304, { ETag: described.etag, 'Last-Modified': described.lastModified.toUTCString() });
    response.end();
    return;
  }

  const rangeHeader = context.request.headers.range;
  const range = resolveRangeHeader(rangeHeader, described.size);
  if (range.kind === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', { RangeRequested: rangeHeader ?? '', ActualObjectSize: String(described.size) });
  }
  const partial = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;

  if (isHead) {
    writeObjectHead(response, described, partial, checksumMode);
    response.end();
    return;
  }

  const { object, body } = await s3.getObject(context.principal, bucket, key, partial);
  // The body keeps a blob file open and the object key in memory until it is
  // destroyed, so every exit below destroys it: success, an error, or a client
  // that disconnected.
  try {
    // Decrypt the first segment before sending the status, so corrupt stored
    // data found there (always the case for objects of one segment) becomes a
    // 500 error instead of a 200 with a cut-off body.
    const plaintext = body[Symbol.asyncIterator]();
    const first = (await plaintext.next()) as IteratorResult<Buffer>;

    writeObjectHead(response, object, partial, checksumMode, overrides);
    // A failure after this point can only cut the response short; the caller
    // then destroys the connection, so the client sees an incomplete body.
    await pipeline(async function* () {
      if (first.done !== true) {
        yield first.value;
      }
      for (let next = await plaintext.next(); next.done !== true; next = await plaintext.next()) {
        yield next.value as Buffer;
      }
    }, response);
  } finally {
    body.destroy();
  }
}

/** Sends the status and every header of a GET or HEAD response in one `writeHead` call. */
function writeObjectHead(
  response: ServerResponse,
  object: ObjectDescription,
  partial: { start: number; end: number } | undefined,
  checksumMode: boolean,
  overrides: Readonly<Record<string, string>> = {},
): void {
  // A stored checksum covers the whole object, so a partial body omits it, as S3 does.
  const headers = { ...objectResponseHeaders(object, partial === undefined && checksumMode), ...overrides, 'Accept-Ranges': 'bytes' };
  if (partial !== undefined) {
    response.writeHead(206, {
      ...headers,
      'Content-Length': String(partial.end - partial.start + 1),
      'Content-Range': `bytes ${partial.start}-${partial.end}/${object.size}`,
    });
  } else {
    response.writeHead(200, { ...headers, 'Content-Length': String(object.size) });
  }
}

/**
 * Reads the `response-*` query parameters. A value that cannot be sent as a
 * header (a control character, or a character outside ISO-8859-1) is rejected
 * with InvalidArgument before the object is read, as S3 does.
 *
 * NOTE: S3's message for a value outside ISO-8859-1 is documented in client
 * reports. The message for a control character is this server's own.
 */
export function readResponseOverrides(query: URLSearchParams): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [parameter, header] of RESPONSE_OVERRIDES) {
    const value = query.get(parameter);
    if (value === null) {
      continue;
    }
    if (!isSendableHeaderValue(header, value)) {
      const message = hasCharacterAboveLatin1(value) ? 'Header value cannot be represented using ISO-8859-1.' : 'Header value contains invalid characters.';
      throw invalidArgument(message, parameter, value);
    }
    overrides[header] = value;
  }
  return overrides;
}

function isSendableHeaderValue(name: string, value: string): boolean {
  try {
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

function hasCharacterAboveLatin1(value: string): boolean {
  return [...value].some((character) => character.codePointAt(0)! > 0xff);
}

type ConditionOutcome = 'proceed' | 'not-modified' | 'precondition-failed';

/** Applies If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since in RFC 9110 order. */
export function evaluateConditions(headers: IncomingHttpHeaders, object: Pick<ObjectDescription, 'etag' | 'lastModified'>): ConditionOutcome {
  const modifiedSeconds = Math.floor(object.lastModified.getTime() / 1000);

  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag, { ignoreWeakPrefix: true })) {
      return 'precondition-failed';
    }
  } else {
    const since = parseHttpDate(headers['if-unmodified-since']);
    if (since !== undefined && modifiedSeconds > since) {
      return 'precondition-failed';
    }
  }

  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag, { ignoreWeakPrefix: true })) {
      return 'not-modified';
    }
  } else {
    const since = parseHttpDate(headers['if-modified-since']);
    if (since !== undefined && modifiedSeconds <= since) {
      return 'not-modified';
    }
  }
  return 'proceed';
}


