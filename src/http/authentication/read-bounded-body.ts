/**
 * @module Reading a whole body into memory, up to a limit.
 */
import type { Readable } from 'node:stream';
import { AuthenticationError } from './authentication-error.js';

/**
 * Reads all of `source`. Past `maxBytes` it rejects, and keeps reading and
 * dropping the rest so the server can still respond on the same connection.
 * When `signal` aborts, it rejects with the signal's reason.
 */
export function readBoundedBody(source: Readable, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;

    const cleanUp = (): void => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      cleanUp();
      source.resume();
      reject(new AuthenticationError('MaxMessageLengthExceeded', 'Your request was too big.'));
    };
    const onEnd = (): void => {
      cleanUp();
      resolve(Buffer.concat(chunks, length));
    };
    const onError = (): void => {
      cleanUp();
      reject(
        new AuthenticationError(
          'IncompleteBody',
          'You did not provide the number of bytes specified by the Content-Length HTTP header.',
        ),
      );
    };

    const onAbort = (): void => {
      cleanUp();
      reject(signal?.reason);
    };

    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    source.on('data', onData);
    source.once('end', onEnd);
    // A client that disconnects mid-body shows up as an error or as a close without end.
    source.once('error', onError);
    source.once('close', onError);
  });
}
