import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import {
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
} from '../../sigv4/constants.js';
import { signRequest } from '../../sigv4/sign-request.js';
import type { HeaderList } from '../../sigv4/types.js';
import {
  buildAwsChunkedBody,
  sendRawRequest,
  startTestServer,
  TEST_ACCESS_KEY_ID,
  TEST_REGION,
  TEST_SECRET_ACCESS_KEY,
  type RawRequest,
  type TestServer,
} from './test-support.js';

type StreamingMode = typeof STREAMING_SIGNED_PAYLOAD | typeof STREAMING_SIGNED_PAYLOAD_TRAILER | typeof STREAMING_UNSIGNED_PAYLOAD_TRAILER;

interface UploadInput {
  readonly mode: StreamingMode;
  readonly chunks: readonly Buffer[];
  readonly trailer?: HeaderList;
  /** Changes the encoded body. Content-Length, which is signed, follows the changed body. */
  readonly corrupt?: (body: Buffer) => Buffer;
  readonly decodedLength?: number;
}

/** Splits a body into pieces of `size` bytes, so the server receives it in many reads. */
function pieces(body: Buffer, size: number): Buffer[] {
  const result: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += size) result.push(body.subarray(offset, offset + size));
  return result;
}

function streamingUpload(port: number, input: UploadInput): RawRequest {
  const signedChunks = input.mode !== STREAMING_UNSIGNED_PAYLOAD_TRAILER;
  const signTrailer = input.mode === STREAMING_SIGNED_PAYLOAD_TRAILER;
  const decodedLength = input.chunks.reduce((total, chunk) => total + chunk.length, 0);

  // Signatures have a fixed length, so a body signed with any key has the final length.
  const placeholderSigning = { signingKey: new Uint8Array(32), requestDateTime: '', credentialScope: '' };
  const placeholderBody = buildAwsChunkedBody(
    input.chunks,
    signedChunks ? { context: placeholderSigning, seedSignature: '', signTrailer } : undefined,
    input.trailer,
  );
  const encodedLength = (input.corrupt?.(placeholderBody) ?? placeholderBody).length;

  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    'content-encoding': 'aws-chunked',
    'content-length': String(encodedLength),
    'x-amz-decoded-content-length': String(input.decodedLength ?? decodedLength),
  };
  if (input.trailer !== undefined) headers['x-amz-trailer'] = input.trailer.map(([name]) => name).join(',');

  const signed = signRequest(
    { method: 'PUT', path: '/example-bucket/streamed.bin', headers },
    {
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
      region: TEST_REGION,
      service: 's3',
      signingDate: new Date(),
      hashing: nodeSha256,
      payloadHash: input.mode,
    },
  );
  const body = buildAwsChunkedBody(
    input.chunks,
    signedChunks ? { context: signed.chunkSigning, seedSignature: signed.signature, signTrailer } : undefined,
    input.trailer,
  );
  const sent = input.corrupt?.(body) ?? body;
  assert.equal(sent.length, encodedLength);
  return {
    port,
    method: 'PUT',
    target: '/example-bucket/streamed.bin',
    headers: signed.headers as Record<string, string>,
    body: pieces(sent, 7),
  };
}

describe('authenticateRequest with aws-chunked bodies', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const data = randomBytes(70_000);
  const chunks = [data.subarray(0, 65_536), data.subarray(65_536)];

  it('decodes a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload', async () => {
    const outcome = await sendRawRequest(streamingUpload(server.port, { mode: STREAMING_SIGNED_PAYLOAD, chunks }));
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, data.toString('latin1'));
    assert.equal(outcome.decodedContentLength, data.length);
  });

  it('rejects a changed chunk signature and still answers', async () => {
    const outcome = await sendRawRequest(
      streamingUpload(server.port, {
        mode: STREAMING_SIGNED_PAYLOAD,
        chunks,
        corrupt: (body) => {
          const changed = Buffer.from(body);
          const signatureAt = changed.indexOf('chunk-signature=', 100) + 'chunk-signature='.length;
          changed[signatureAt] = changed[signatureAt] === 0x30 ? 0x31 : 0x30;
          return changed;
        },
      }),
    );
    assert.equal(outcome.status, 403);
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
    assert.equal(outcome.failedWhileReading, true);
  });

  it('rejects chunk data changed after signing', async () => {
    const outcome = await sendRawRequest(
      streamingUpload(server.port, {
        mode: STREAMING_SIGNED_PAYLOAD,
        chunks,
        corrupt: (body) => {
          const changed = Buffer.from(body);
          changed[1000] = (changed[1000]! + 1) % 256;
          return changed;
        },
      }),
    );
    assert.equal(outcome.code, 'SignatureDoesNotMatch');
  });

  it('decodes a signed upload with a signed trailer', async () => {
    const trailer: HeaderList = [['x-amz-checksum-crc32c', '4waSgw==']];
    const outcome = await sendRawRequest(
      streamingUpload(server.port, { mode: STREAMING_SIGNED_PAYLOAD_TRAILER, chunks: [Buffer.from('123456789')], trailer }),
    );
    assert.equal(outcome.status, 200, outcome.message);
    assert.equal(outcome.body, '123456789');
  });

  it('rejects a signed trailer whose checksum does not match', async () => {
    const trailer: HeaderList = [['x-amz-checksum-crc32c', 'AAAAAA==']];
    const outcome = await sendRawRequest(
      streamingUpload(server.port, { mode: STREAMING_SIGNED_PAYLOAD_TRAILER, chunks: [Buffer.from('123456789')], trailer }),
    );
    assert.equal(outcome.code, 'BadDigest');
    assert.equal(outcome.message, 'The CRC32C you specified did not match the calculated checksum.');
  });

  it('decodes STREAMING-UNSIGNED-PAYLOAD-TRAILER and checks its checksum', async () => {
    const good: HeaderList = [['x-amz-checksum-sha256', 'FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=']];
    const accepted = await sendRawRequest(
      streamingUpload(server.port, { mode: STREAMING_UNSIGNED_PAYLOAD_TRAILER, chunks: [Buffer.from('1234'), Buffer.from('56789')], trailer: good }),
    );
    assert.equal(accepted.status, 200, accepted.message);
    assert.equal(accepted.body, '123456789');

    const bad: HeaderList = [['x-amz-checksum-sha256', Buffer.alloc(32).toString('base64')]];
    const rejected = await sendRawRequest(
      streamingUpload(server.port, { mode: STREAMING_UNSIGNED_PAYLOAD_TRAILER, chunks: [Buffer.from('123456789')], trailer: bad }),
    );
    assert.equal(rejected.status, 400);
    assert.equal(rejected.code, 'BadDigest');
  });

  it('rejects a decoded length other than x-amz-decoded-content-length', async () => {
    const outcome = await sendRawRequest(
      streamingUpload(server.port, { mode: STREAMING_SIGNED_PAYLOAD, chunks, decodedLength: data.length + 1 }),
    );
    assert.equal(outcome.code, 'IncompleteBody');
  });

  it('rejects a body that stops before the final chunk', async () => {
    const outcome = await sendRawRequest(
      streamingUpload(server.port, {
        mode: STREAMING_SIGNED_PAYLOAD,
        chunks,
        corrupt: (body) => body.subarray(0, body.indexOf('\r\n0;chunk-signature=') + 2),
      }),
    );
    assert.equal(outcome.status, 400);
    assert.equal(outcome.code, 'IncompleteBody');
  });

  it('rejects an unsupported x-amz-trailer', async () => {
    const outcome = await sendRawRequest(
      streamingUpload(server.port, {
        mode: STREAMING_UNSIGNED_PAYLOAD_TRAILER,
        chunks: [Buffer.from('x')],
        trailer: [['x-amz-checksum-md5', 'AAAA']],
      }),
    );
    assert.equal(outcome.code, 'InvalidRequest');
    assert.equal(outcome.failedWhileReading, false);
  });
});
