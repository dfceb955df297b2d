/**
 * @module The parts of an incoming request that signature checks read.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { HeaderList } from '../../sigv4/types.js';

/** A request as received, before any decoding that could change what was signed. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path as sent on the wire, still percent-encoded. */
  readonly rawPath: string;
  /** Text after the first `?`, still percent-encoded, or an empty string. */
  readonly rawQuery: string;
  /** Header fields in the order received, with their names as sent. */
  readonly headers: HeaderList;
}

/**
 * Node.js reads header bytes as Latin-1. A value whose bytes form valid UTF-8
 * was almost certainly written as UTF-8, and its signer hashed those bytes, so
 * it is decoded as UTF-8. Any other value keeps one character per byte.
 */
function decodeHeaderValue(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : value;
}

/** Reads method, raw target and raw header fields from a Node.js request. */
export function readReceivedRequest(request: IncomingMessage): ReceivedRequest {
  const target = request.url ?? '/';
  const questionMark = target.indexOf('?');

  const headers: Array<readonly [string, string]> = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.push([raw[i]!, decodeHeaderValue(raw[i + 1]!)]);
  }

  return {
    method: request.method ?? 'GET',
    rawPath: questionMark === -1 ? target : target.slice(0, questionMark),
    rawQuery: questionMark === -1 ? '' : target.slice(questionMark + 1),
    headers,
  };
}

/**
 * Returns the values of a header joined with `,`, as Node.js joins repeated
 * headers, or undefined when the request does not carry it.
 */
export function headerValue(received: ReceivedRequest, name: string): string | undefined {
  const values: string[] = [];
  for (const [headerName, value] of received.headers) {
    if (headerName.toLowerCase() === name) values.push(value);
  }
  return values.length === 0 ? undefined : values.join(',');
}
