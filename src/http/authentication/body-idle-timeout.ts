/**
 * @module Fails a request whose body stops arriving.
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { AuthenticationError } from './authentication-error.js';

/** AWS S3's text for the same failure. */
const REQUEST_TIMEOUT_MESSAGE =
  'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.';

/**
 * Aborts {@link signal} with a `RequestTimeout` error once the request body
 * has received no data for `timeoutMs` while the server was ready to read it.
 * Time the server spends not reading (the body is paused because its consumer
 * is busy) does not count, so only the client's silence fails a request, and
 * a long upload that keeps sending data never does.
 *
 * After a timeout the response is sent with `Connection: close`, and the
 * socket is destroyed at most `timeoutMs` later, so a stalled client cannot
 * hold the connection, or the upload's temp file, open.
 */
export class BodyIdleTimeout {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly body: Readable,
    private readonly response: ServerResponse,
    private readonly timeoutMs: number,
  ) {}

  /** Aborted with the `RequestTimeout` error when the body stalls. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Starts watching. Call it only after the body's consumer is attached,
   * because the `data` listener added here would otherwise start the flow of
   * data before anything reads it. Later calls do nothing.
   */
  start(): void {
    if (this.started || this.body.readableEnded || this.body.destroyed) return;
    this.started = true;

    this.restart();
    this.body.on('data', this.restart);
    this.body.once('end', this.stop);
    this.body.once('close', this.stop);
  }

  private readonly restart = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.timeoutMs);
  };

  private readonly stop = (): void => {
    clearTimeout(this.timer);
    this.body.off('data', this.restart);
  };

  private readonly onIdle = (): void => {
    // A paused body waits for the server, not the client, so check again later.
    if (this.body.readableFlowing === false) {
      this.restart();
      return;
    }

    this.stop();
    this.controller.abort(new AuthenticationError('RequestTimeout', REQUEST_TIMEOUT_MESSAGE));
    this.closeConnectionAfterResponse();
  };

  /**
   * Ends the connection once the response is written, and destroys the socket
   * after another `timeoutMs` at the latest, whether or not a response came.
   */
  private closeConnectionAfterResponse(): void {
    const socket = this.response.socket;
    if (socket === null) return;

    const deadline = setTimeout(() => socket.destroy(), this.timeoutMs);
    socket.once('close', () => clearTimeout(deadline));

    if (this.response.writableFinished) {
      socket.end();
      return;
    }
    if (!this.response.headersSent) this.response.setHeader('Connection', 'close');
    // end() sends what is buffered before closing, where destroy() could drop the response.
    this.response.once('finish', () => socket.end());
  }
}
