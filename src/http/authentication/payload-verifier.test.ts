import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { AuthenticationError, type AuthenticationErrorCode } from './authentication-error.js';
import type { ChecksumAlgorithm } from './checksums.js';
import { createPayloadStream } from './create-payload-stream.js';
import type { PayloadPlan } from './payload-plan.js';
import { buildAwsChunkedBody } from './test-support.js';

const DATA = Buffer.from('123456789');

// Published check values of each algorithm for the ASCII input "123456789", as base64.
const CHECK_VALUES: Record<ChecksumAlgorithm, string> = {
  CRC32: 'y/Q5Jg==',
  CRC32C: '4waSgw==',
  CRC64NVME: 'rosUhgp5mIg=',
  SHA1: '98O8HYCOBHMq32eZZczDTKeuNEE=',
  SHA256: 'FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=',
};
const WRONG_VALUES: Record<ChecksumAlgorithm, string> = {
  CRC32: 'AAAAAA==',
  CRC32C: 'AAAAAA==',
  CRC64NVME: 'AAAAAAAAAAA=',
  SHA1: Buffer.alloc(20).toString('base64'),
  SHA256: Buffer.alloc(32).toString('base64'),
};
const TRAILER_FIELD: Record<ChecksumAlgorithm, string> = {
  CRC32: 'x-amz-checksum-crc32',
  CRC32C: 'x-amz-checksum-crc32c',
  CRC64NVME: 'x-amz-checksum-crc64nvme',
  SHA1: 'x-amz-checksum-sha1',
  SHA256: 'x-amz-checksum-sha256',
};

function plan(overrides: Partial<PayloadPlan>): PayloadPlan {
  return {
    signedPayloadHash: 'UNSIGNED-PAYLOAD',
    framing: 'none',
    chunkSignatures: false,
    trailerSignature: false,
    expectedSha256: undefined,
    trailerChecksum: undefined,
    headerChecksum: undefined,
    contentMd5: undefined,
    decodedContentLength: undefined,
    ...overrides,
  };
}

/** Streams `body` in three-byte pieces through the verifier and collects the output. */
async function verify(body: Buffer, payloadPlan: PayloadPlan): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 3) pieces.push(body.subarray(offset, offset + 3));

  const stream = createPayloadStream(Readable.from(pieces), payloadPlan, undefined);
  const output: Buffer[] = [];
  for await (const chunk of stream) output.push(chunk as Buffer);
  return Buffer.concat(output);
}

async function assertRejects(run: Promise<unknown>, code: AuthenticationErrorCode): Promise<void> {
  await assert.rejects(run, (error: unknown) => error instanceof AuthenticationError && error.code === code);
}

describe('PayloadVerifier trailer checksums', () => {
  for (const algorithm of Object.keys(CHECK_VALUES) as ChecksumAlgorithm[]) {
    const framed = plan({ framing: 'aws-chunked', trailerChecksum: algorithm, decodedContentLength: DATA.length });

    it(`accepts a correct ${algorithm} trailer`, async () => {
      const body = buildAwsChunkedBody([DATA.subarray(0, 4), DATA.subarray(4)], undefined, [
        [TRAILER_FIELD[algorithm], CHECK_VALUES[algorithm]],
      ]);
      assert.deepEqual(await verify(body, framed), DATA);
    });

    it(`rejects a wrong ${algorithm} trailer`, async () => {
      const body = buildAwsChunkedBody([DATA], undefined, [[TRAILER_FIELD[algorithm], WRONG_VALUES[algorithm]]]);
      await assertRejects(verify(body, framed), 'BadDigest');
    });
  }

  it('rejects a body without its declared trailer', async () => {
    const body = buildAwsChunkedBody([DATA], undefined);
    await assertRejects(verify(body, plan({ framing: 'aws-chunked', trailerChecksum: 'CRC32' })), 'IncompleteBody');
  });
});

describe('PayloadVerifier header checksums', () => {
  for (const algorithm of Object.keys(CHECK_VALUES) as ChecksumAlgorithm[]) {
    it(`accepts a correct ${algorithm} header`, async () => {
      const headerChecksum = { algorithm, value: CHECK_VALUES[algorithm] };
      assert.deepEqual(await verify(DATA, plan({ headerChecksum })), DATA);
    });

    it(`rejects a wrong ${algorithm} header`, async () => {
      const headerChecksum = { algorithm, value: WRONG_VALUES[algorithm] };
      await assertRejects(verify(DATA, plan({ headerChecksum })), 'BadDigest');
    });
  }

  it('checks Content-MD5', async () => {
    const contentMd5 = createHash('md5').update(DATA).digest('base64');
    assert.deepEqual(await verify(DATA, plan({ contentMd5 })), DATA);
    await assertRejects(verify(DATA, plan({ contentMd5: Buffer.alloc(16).toString('base64') })), 'BadDigest');
  });
});

describe('PayloadVerifier hashes and lengths', () => {
  it('accepts the declared x-amz-content-sha256', async () => {
    const expectedSha256 = createHash('sha256').update(DATA).digest('hex');
    assert.deepEqual(await verify(DATA, plan({ expectedSha256 })), DATA);
  });

  it('rejects another x-amz-content-sha256', async () => {
    const expectedSha256 = createHash('sha256').update('other').digest('hex');
    await assertRejects(verify(DATA, plan({ expectedSha256 })), 'XAmzContentSHA256Mismatch');
  });

  it('rejects a decoded length shorter than declared', async () => {
    const body = buildAwsChunkedBody([DATA], undefined);
    await assertRejects(
      verify(body, plan({ framing: 'aws-chunked', decodedContentLength: DATA.length + 1 })),
      'IncompleteBody',
    );
  });

  it('rejects a decoded length longer than declared', async () => {
    const body = buildAwsChunkedBody([DATA], undefined);
    await assertRejects(
      verify(body, plan({ framing: 'aws-chunked', decodedContentLength: DATA.length - 1 })),
      'IncompleteBody',
    );
  });

  it('rejects a framed body cut short', async () => {
    const body = buildAwsChunkedBody([DATA], undefined);
    await assertRejects(verify(body.subarray(0, 8), plan({ framing: 'aws-chunked' })), 'IncompleteBody');
  });

  it('fails with IncompleteBody when the source is destroyed mid-body', async () => {
    const source = new Readable({ read() {} });
    const stream = createPayloadStream(source, plan({}), undefined);
    source.push(DATA);
    setImmediate(() => source.destroy());
    await assertRejects(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
      'IncompleteBody',
    );
  });
});
