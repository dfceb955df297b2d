/**
 * Uploads that stall or are abandoned by the client: the server fails a body
 * that stops arriving with RequestTimeout, stores nothing for either, and
 * keeps serving. Requests are signed with @smithy/signature-v4 and written
 * to a raw TCP socket, because an HTTP client cannot be made to stall.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, HeadObjectCommand, ListBucketsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../support/node-sha256.js';
import { startServer, type RunningServer, type ServerLogRecord } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'timeout-bucket';
const IDLE_TIMEOUT_SECONDS = 2;

/** Everything the server sent on a socket until it closed the connection. */
interface SocketOutcome {
  readonly text: string;
  readonly closedAfterMs: number;
}

describe('request timeouts', () => {
  let server: RunningServer;
  let s3: S3Client;

  before(async () => {
    server = await startServer({ extraEnv: { STRONGROOM_IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS) } });
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  /** Signs a request and returns its head: request line and headers, ready to write to a socket. */
  async function signedHead(options: { method: string; path: string; service: 's3' | 'kms'; headers: Record<string, string>; body?: string }): Promise<string> {
    const signer = new SignatureV4({
      credentials: server.rootCredentials,
      region: server.region,
      service: options.service,
      sha256: NodeSha256,
      uriEscapePath: options.service !== 's3',
      applyChecksum: false,
    });
    const signed = await signer.sign({
      method: options.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: server.port,
      path: options.path,
      query: {},
      headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      body: options.body,
    });
    const lines = [`${options.method} ${options.path} HTTP/1.1`];
    for (const [name, value] of Object.entries(signed.headers)) {
      lines.push(`${name}: ${value}`);
    }
    return lines.join('\r\n') + '\r\n\r\n';
  }

  /** Opens a socket, writes `data`, and keeps the socket silent afterwards. */
  function openSocket(data: string | Buffer): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(data);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  /** Collects what the server sends until it closes the connection, or fails after `limitMs`. */
  function readUntilClosed(socket: Socket, limitMs: number): Promise<SocketOutcome> {
    const startedAt = Date.now();
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`The server kept the connection open for ${limitMs} ms`));
      }, limitMs);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      // The server may reset the connection after its response; what arrived before still counts.
      socket.on('error', () => undefined);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve({ text: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - startedAt });
      });
    });
  }

  async function tempFilesIn(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { recursive: true });
    return entries.filter((name) => name.endsWith('.tmp')).map((name) => join(folder, name));
  }

  async function assertObjectMissing(key: string): Promise<void> {
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })), (error: unknown) => {
      assert.ok(error instanceof S3ServiceException);
      assert.equal(error.$metadata.httpStatusCode, 404);
      return true;
    });
  }

  async function assertServerServes(): Promise<void> {
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.ok(listed.Buckets?.some((bucket) => bucket.Name === BUCKET));
  }

  it('fails a stalled upload with RequestTimeout', async () => {
    const head = await signedHead({
      method: 'PUT',
      path: `/${BUCKET}/stalled`,
      service: 's3',
      headers: { 'content-length': '1000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const socket = await openSocket(head + 'x'.repeat(10));

    const outcome = await readUntilClosed(socket, IDLE_TIMEOUT_SECONDS * 1000 * 6);

    assert.match(outcome.text, /^HTTP\/1\.1 400 /);
    assert.match(outcome.text, /<Code>RequestTimeout<\/Code>/);
    assert.match(outcome.text, /<Message>Your socket connection to the server was not read from or written to within the timeout period\. Idle connections will be closed\.<\/Message>/);
    assert.match(outcome.text, /\r\nconnection: close\r\n/i);
    assert.ok(outcome.closedAfterMs >= IDLE_TIMEOUT_SECONDS * 1000 - 100, `closed after ${outcome.closedAfterMs} ms`);
    assert.deepEqual(await tempFilesIn(server.dataDirectory), []);
    await assertObjectMissing('stalled');
    await assertServerServes();
  });

  it('keeps a slow upload that keeps sending', async () => {
    const pieces = 5;
    const pieceLength = 100;
    const head = await signedHead({
      method: 'PUT',
      path: `/${BUCKET}/slow`,
      service: 's3',
      headers: { 'content-length': String(pieces * pieceLength), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const socket = await openSocket(head);
    const closed = readUntilClosed(socket, 20_000);

    // The whole upload takes longer than the idle timeout, but no pause does.
    for (let piece = 0; piece < pieces; piece += 1) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_SECONDS * 250));
      socket.write('y'.repeat(pieceLength));
    }
    const response = await waitForResponse(socket);
    socket.end();
    await closed;

    assert.match(response, /^HTTP\/1\.1 200 /);
    const stored = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'slow' }));
    assert.equal(stored.ContentLength, pieces * pieceLength);
  });

  it('fails a stalled KMS request body', async () => {
    const body = JSON.stringify({ Description: 'never fully sent' });
    const head = await signedHead({
      method: 'POST',
      path: '/',
      service: 'kms',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey', 'content-length': String(body.length) },
      body,
    });
    const socket = await openSocket(head + body.slice(0, 5));

    const outcome = await readUntilClosed(socket, IDLE_TIMEOUT_SECONDS * 1000 * 6);

    assert.match(outcome.text, /^HTTP\/1\.1 400 /);
    assert.match(outcome.text, /"__type":"SerializationException"/);
    assert.match(outcome.text, /not read from or written to within the timeout period/);
  });

  it('stores nothing when the client disconnects mid-upload', async () => {
    const logsBefore = server.logs.length;
    const head = await signedHead({
      method: 'PUT',
      path: `/${BUCKET}/abandoned`,
      service: 's3',
      headers: { 'content-length': String(1024 * 1024), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const socket = await openSocket(Buffer.concat([Buffer.from(head), Buffer.alloc(64 * 1024)]));

    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    // Log lines arrive through a pipe, so find this request's lines by its id.
    const started = await waitForLog(server, logsBefore, (record) => record.msg === 'request started' && record.path === `/${BUCKET}/abandoned`);
    const ofRequest = (record: ServerLogRecord): boolean => record.requestId === started.requestId;
    const finished = await waitForLog(server, logsBefore, (record) => ofRequest(record) && record.msg === 'request finished');
    // The handler's own outcome comes after the connection closed; the blob cleanup precedes it.
    const outcome = await waitForLog(server, logsBefore, (record) => ofRequest(record) && record.msg === 'Client closed the connection before the response was complete');

    assert.equal(finished.aborted, true);
    assert.equal(finished.level, 30);
    assert.equal(outcome.level, 30);
    assert.equal(outcome.code, 'IncompleteBody');
    assert.deepEqual(await tempFilesIn(server.dataDirectory), []);
    await assertObjectMissing('abandoned');
    await assertServerServes();
    const errors = server.logs.filter((record) => ofRequest(record) && record.level >= 50);
    assert.deepEqual(errors, []);
  });
});

/** Resolves with what the server has sent once a whole response head and some body have arrived. */
function waitForResponse(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
}

/** Waits up to 5 s for a log line after index `from` that matches `matches`. */
async function waitForLog(
  server: RunningServer,
  from: number,
  matches: (record: ServerLogRecord) => boolean,
): Promise<ServerLogRecord> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const found = server.logs.slice(from).find(matches);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The server logged no matching line within 5 s');
}
