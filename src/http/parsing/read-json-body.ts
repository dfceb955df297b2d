/**
 * @module Reads a request body of bounded size and parses it as JSON.
 */
import type { Readable } from 'node:stream';

export type JsonBodyProblem = 'too-large' | 'invalid-json';

/** A body that is larger than allowed or not JSON. Errors from the stream itself pass through unchanged. */
export class JsonBodyError extends Error {
  constructor(
    readonly problem: JsonBodyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

/**
 * Reads `body` to its end and parses it. An empty body parses as `{}`, as the
 * AWS JSON protocols treat it. Past `maxBytes` the rest of the body is read and
 * discarded rather than kept, so the client can finish sending and read the
 * error response on the same connection.
 */
export async function readJsonBody(body: Readable, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let length = 0;

  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    length += buffer.length;
    if (length <= maxBytes) {
      chunks.push(buffer);
    }
  }

  if (length > maxBytes) {
    throw new JsonBodyError('too-large', `The request body is larger than the ${maxBytes} bytes allowed.`);
  }

  const text = Buffer.concat(chunks, length).toString('utf8');
  if (text.trim() === '') {
    return {};
  }

  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JsonBodyError('invalid-json', 'The request body is not valid JSON.');
  }
}
