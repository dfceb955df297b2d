/**
 * @module Per-request state shared by every step of the HTTP pipeline.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger } from '../observability/logger.js';
import type { Principal } from '../identity/principals.js';

export interface RequestContext {
  /** Id echoed in `x-amz-request-id` and error bodies, and logged on every line. */
  readonly requestId: string;
  readonly log: Logger;
  readonly receivedAt: Date;
  readonly sourceIp: string;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/** A request whose signature has been verified. */
export interface AuthenticatedRequestContext extends RequestContext {
  readonly principal: Principal;
  /**
   * The payload with any aws-chunked framing removed. It verifies the
   * `x-amz-content-sha256` hash, chunk signatures and trailer checksums as it is
   * read, and fails with an error if any of them do not match, so a consumer
   * must not commit what it read until the stream has ended without error.
   */
  readonly body: Readable;
  /** Length of the decoded payload when the client declared it, else undefined. */
  readonly decodedContentLength: number | undefined;
}
