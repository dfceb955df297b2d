/**
 * @module Helpers for the authentication tests: a loopback server that runs
 * `authenticateRequest`, a raw HTTP client and an aws-chunked body builder.
 * Not used by the server itself.
 */
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { signChunk } from '../../sigv4/sign-chunk.js';
import { signTrailer } from '../../sigv4/sign-trailer.js';
import type { ChunkSigningContext, HeaderList } from '../../sigv4/types.js';
import type { Credential } from '../../identity/credentials.js';
import type { RequestContext } from '../request-context.js';
import { authenticateRequest, type AuthenticateRequestOptions } from './authenticate-request.js';
import { AuthenticationError } from './authentication-error.js';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export const TEST_CREDENTIAL: Credential = {
  principal: {
    accountId: '111122223333',
    type: 'root',
    arn: 'arn:aws:iam::111122223333:root',
    principalId: '111122223333',
    accessKeyId: TEST_ACCESS_KEY_ID,
  },
  secretAccessKey: TEST_SECRET_ACCESS_KEY,
};

export async function lookupTestCredential(accessKeyId: string): Promise<Credential | undefined> {
  return accessKeyId === TEST_ACCESS_KEY_ID ? TEST_CREDENTIAL : undefined;
}

/** Result the test server sends back: the authenticated request or the error. */
export interface AuthenticationOutcome {
  readonly status: number;
  readonly accessKeyId?: string;
  readonly body?: string;
  readonly bodySha256?: string;
  readonly decodedContentLength?: number | null;
  /** The request's x-amz-content-sha256 header, to see which payload mode a client chose. */
  readonly contentSha256?: string | null;
  readonly code?: string;
  readonly message?: string;
  readonly details?: Record<string, string>;
  /** True when the error came from the body stream rather than from `authenticateRequest` itself. */
  readonly failedWhileReading?: boolean;
}

export interface TestServer {
  readonly port: number;
  /** Every outcome sent so far, oldest first. */
  readonly outcomes: AuthenticationOutcome[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 (or `host`) that authenticates every request,
 * reads the whole body and responds with an `AuthenticationOutcome` as JSON.
 */
export async function startTestServer(
  options: Partial<Omit<AuthenticateRequestOptions, 'now'>> & { readonly now?: () => Date; readonly host?: string } = {},
): Promise<TestServer> {
  const log = pino({ level: 'silent' });
  const outcomes: AuthenticationOutcome[] = [];
  const server: Server = createServer((request, response) => {
    const context: RequestContext = {
      requestId: 'test-request',
      log,
      receivedAt: new Date(),
      sourceIp: request.socket.remoteAddress ?? '',
      request,
      response,
    };
    const reply = (outcome: Omit<AuthenticationOutcome, 'status'>, status: number): void => {
      const contentSha256 = request.headers['x-amz-content-sha256'];
      outcomes.push({ ...outcome, status, contentSha256: typeof contentSha256 === 'string' ? contentSha256 : null });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(outcome));
    };

    let reading = false;
    (async () => {
      const result = await authenticateRequest(context, {
        service: options.service ?? 's3',
        region: options.region ?? TEST_REGION,
        lookupCredential: options.lookupCredential ?? lookupTestCredential,
        now: options.now?.() ?? new Date(),
      });
      reading = true;
      const chunks: Buffer[] = [];
      for await (const chunk of result.body) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      reply(
        {
          accessKeyId: result.principal.accessKeyId,
          body: body.toString('latin1'),
          bodySha256: createHash('sha256').update(body).digest('hex'),
          decodedContentLength: result.decodedContentLength ?? null,
        },
        200,
      );
    })().catch((error: unknown) => {
      if (error instanceof AuthenticationError) {
        reply(
          { code: error.code, message: error.message, details: { ...error.details }, failedWhileReading: reading },
          error.statusCode,
        );
      } else {
        reply({ code: 'Unexpected', message: String(error) }, 500);
      }
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    outcomes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawRequest {
  readonly port: number;
  readonly host?: string;
  readonly method: string;
  /** Path and query exactly as they go on the wire. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Sent in this many separate writes when it is an array. */
  readonly body?: Buffer | readonly Buffer[];
}

/** Sends a request without letting the client rewrite the target or headers, and parses the JSON outcome. */
export function sendRawRequest(raw: RawRequest): Promise<AuthenticationOutcome> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: raw.host ?? '127.0.0.1',
        port: raw.port,
        method: raw.method,
        path: raw.target,
        headers: raw.headers as IncomingHttpHeaders,
        setHost: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<AuthenticationOutcome, 'status'>;
            resolve({ ...parsed, status: response.statusCode ?? 0 });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);

    const pieces = raw.body === undefined ? [] : Buffer.isBuffer(raw.body) ? [raw.body] : raw.body;
    for (const piece of pieces) request.write(piece);
    request.end();
  });
}

/** How to sign an aws-chunked body built by `buildAwsChunkedBody`. */
export interface ChunkSigning {
  readonly context: ChunkSigningContext;
  readonly seedSignature: string;
  /** Whether to sign the trailer too (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`). */
  readonly signTrailer: boolean;
}

/**
 * Frames `chunks` as an aws-chunked body: the chunks, a zero-length chunk, the
 * trailer fields (and their signature when signed) and an empty line.
 */
export function buildAwsChunkedBody(
  chunks: readonly Buffer[],
  signing: ChunkSigning | undefined,
  trailer?: HeaderList,
): Buffer {
  const parts: Buffer[] = [];
  let previousSignature = signing?.seedSignature ?? '';

  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    let sizeLine = chunk.length.toString(16);
    if (signing !== undefined) {
      previousSignature = signChunk(signing.context, previousSignature, chunk, nodeSha256);
      sizeLine += `;chunk-signature=${previousSignature}`;
    }
    parts.push(Buffer.from(`${sizeLine}\r\n`), chunk);
    if (chunk.length > 0) parts.push(Buffer.from('\r\n'));
  }

  for (const [name, value] of trailer ?? []) parts.push(Buffer.from(`${name}:${value}\r\n`));
  if (signing?.signTrailer === true) {
    const signature = signTrailer(signing.context, previousSignature, trailer ?? [], nodeSha256);
    parts.push(Buffer.from(`x-amz-trailer-signature:${signature}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}
