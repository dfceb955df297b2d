import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { deriveSigningKey } from '../../sigv4/derive-signing-key.js';
import type { HeaderList } from '../../sigv4/types.js';
import { AuthenticationError, type AuthenticationErrorCode } from './authentication-error.js';
import { AwsChunkedDecoder } from './aws-chunked-decoder.js';
import { buildAwsChunkedBody, type ChunkSigning } from './test-support.js';
import type { VerifiedSignature } from './verify-signature.js';

// The chunked upload examples of the Amazon S3 API reference ("Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks" and its trailing-header variant).
const DOC_SIGNING = {
  signingKey: deriveSigningKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1', 's3', nodeSha256),
  requestDateTime: '20130524T000000Z',
  credentialScope: '20130524/us-east-1/s3/aws4_request',
};
const DOC_DATA = Buffer.alloc(66_560, 'a');

function docBody(chunkSignatures: readonly string[], trailer = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${chunkSignatures[0]}\r\n`),
    DOC_DATA.subarray(0, 65_536),
    Buffer.from(`\r\n400;chunk-signature=${chunkSignatures[1]}\r\n`),
    DOC_DATA.subarray(65_536),
    Buffer.from(`\r\n0;chunk-signature=${chunkSignatures[2]}\r\n${trailer}\r\n`),
  ]);
}

const DOC_SIGNED: VerifiedSignature = {
  chunkSigning: DOC_SIGNING,
  seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
};
const DOC_SIGNED_BODY = docBody([
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
]);

const DOC_TRAILER_SIGNED: VerifiedSignature = {
  chunkSigning: DOC_SIGNING,
  seedSignature: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
};
const DOC_TRAILER_SIGNATURES = [
  'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
  '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
  '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
];
const DOC_TRAILER =
  'x-amz-checksum-crc32c:sOO8/Q==\r\n' +
  'x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n';

interface Decoded {
  readonly data: Buffer;
  readonly trailer: HeaderList;
}

/** Decodes `body` fed in pieces that end at the given offsets. */
function decode(
  body: Buffer,
  options: ConstructorParameters<typeof AwsChunkedDecoder>[0],
  splitOffsets: readonly number[] = [],
): Decoded {
  const decoder = new AwsChunkedDecoder(options);
  const output: Buffer[] = [];
  let start = 0;
  for (const end of [...splitOffsets, body.length]) {
    decoder.write(body.subarray(start, end), (data) => output.push(Buffer.from(data)));
    start = end;
  }
  decoder.end();
  return { data: Buffer.concat(output), trailer: decoder.trailer };
}

function assertRejects(run: () => unknown, code: AuthenticationErrorCode): void {
  assert.throws(run, (error: unknown) => error instanceof AuthenticationError && error.code === code);
}

/** Deterministic pseudo-random split points, so a failure can be reproduced. */
function randomSplits(length: number, count: number, seed: number): number[] {
  let state = seed;
  const offsets = new Set<number>();
  while (offsets.size < Math.min(count, length - 1)) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    offsets.add(1 + (state % (length - 1)));
  }
  return [...offsets].sort((left, right) => left - right);
}

describe('AwsChunkedDecoder with the AWS documentation examples', () => {
  it('decodes the signed example', () => {
    const decoded = decode(DOC_SIGNED_BODY, { chunkSignatures: DOC_SIGNED, trailerSignature: false });
    assert.deepEqual(decoded.data, DOC_DATA);
  });

  it('decodes the signed example fed one byte at a time', () => {
    const everyByte = Array.from({ length: DOC_SIGNED_BODY.length - 1 }, (_, index) => index + 1);
    const decoded = decode(DOC_SIGNED_BODY, { chunkSignatures: DOC_SIGNED, trailerSignature: false }, everyByte);
    assert.deepEqual(decoded.data, DOC_DATA);
  });

  it('decodes the signed example at random splits', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const splits = randomSplits(DOC_SIGNED_BODY.length, 40, seed);
      const decoded = decode(DOC_SIGNED_BODY, { chunkSignatures: DOC_SIGNED, trailerSignature: false }, splits);
      assert.deepEqual(decoded.data, DOC_DATA, `seed ${seed}`);
    }
  });

  it('rejects the signed example with one data byte changed', () => {
    const changed = Buffer.from(DOC_SIGNED_BODY);
    changed[200] = 'b'.charCodeAt(0);
    assertRejects(() => decode(changed, { chunkSignatures: DOC_SIGNED, trailerSignature: false }), 'SignatureDoesNotMatch');
  });

  it('rejects the signed example under another seed signature', () => {
    const otherSeed = { ...DOC_SIGNED, seedSignature: '0'.repeat(64) };
    assertRejects(
      () => decode(DOC_SIGNED_BODY, { chunkSignatures: otherSeed, trailerSignature: false }),
      'SignatureDoesNotMatch',
    );
  });

  it('decodes the signed trailer example', () => {
    const decoded = decode(docBody(DOC_TRAILER_SIGNATURES, DOC_TRAILER), {
      chunkSignatures: DOC_TRAILER_SIGNED,
      trailerSignature: true,
    });
    assert.deepEqual(decoded.data, DOC_DATA);
    assert.deepEqual(decoded.trailer, [['x-amz-checksum-crc32c', 'sOO8/Q==']]);
  });

  it('accepts trailer fields ended by LF then CRLF', () => {
    const variant = DOC_TRAILER.replace('\r\nx-amz-trailer-signature', '\n\r\nx-amz-trailer-signature');
    const decoded = decode(docBody(DOC_TRAILER_SIGNATURES, variant), {
      chunkSignatures: DOC_TRAILER_SIGNED,
      trailerSignature: true,
    });
    assert.deepEqual(decoded.trailer, [['x-amz-checksum-crc32c', 'sOO8/Q==']]);
  });

  it('rejects a changed trailer value', () => {
    const changed = DOC_TRAILER.replace('sOO8/Q==', 'AAAAAA==');
    assertRejects(
      () => decode(docBody(DOC_TRAILER_SIGNATURES, changed), { chunkSignatures: DOC_TRAILER_SIGNED, trailerSignature: true }),
      'SignatureDoesNotMatch',
    );
  });

  it('rejects a signed trailer without its signature', () => {
    assertRejects(
      () =>
        decode(docBody(DOC_TRAILER_SIGNATURES, 'x-amz-checksum-crc32c:sOO8/Q==\r\n'), {
          chunkSignatures: DOC_TRAILER_SIGNED,
          trailerSignature: true,
        }),
      'SignatureDoesNotMatch',
    );
  });
});

describe('AwsChunkedDecoder with bodies from the signer', () => {
  const signing: ChunkSigning = {
    context: DOC_SIGNING,
    seedSignature: 'c0ffee'.padEnd(64, '0'),
    signTrailer: true,
  };
  const verified: VerifiedSignature = { chunkSigning: DOC_SIGNING, seedSignature: signing.seedSignature };
  const chunks = [Buffer.from('first chunk\r\n'), Buffer.from('0;chunk-signature=not-a-header'), Buffer.from('end')];
  const expected = Buffer.concat(chunks);
  const trailer: HeaderList = [['x-amz-checksum-crc32', 'AAAAAA==']];
  const body = buildAwsChunkedBody(chunks, signing, trailer);

  it('decodes when split at every single offset', () => {
    for (let offset = 1; offset < body.length; offset += 1) {
      const decoded = decode(body, { chunkSignatures: verified, trailerSignature: true }, [offset]);
      assert.deepEqual(decoded.data, expected, `split at ${offset}`);
      assert.deepEqual(decoded.trailer, trailer, `split at ${offset}`);
    }
  });

  it('rejects every truncation', () => {
    // The body may end after the zero-length chunk or its trailer line, so cut inside the data chunks only.
    const lastDataByte = body.indexOf('\r\n0;chunk-signature=', body.indexOf('end'));
    for (let length = 0; length < lastDataByte; length += 1) {
      assert.throws(
        () => decode(body.subarray(0, length), { chunkSignatures: verified, trailerSignature: true }),
        (error: unknown) =>
          error instanceof AuthenticationError && ['IncompleteBody', 'SignatureDoesNotMatch'].includes(error.code),
        `truncated to ${length} bytes`,
      );
    }
  });

  it('rejects a truncated body with IncompleteBody', () => {
    const cut = body.subarray(0, body.indexOf('first') + 3);
    assertRejects(() => decode(cut, { chunkSignatures: verified, trailerSignature: true }), 'IncompleteBody');
  });

  it('rejects a chunk signature that was changed', () => {
    const signatureAt = body.indexOf('chunk-signature=') + 'chunk-signature='.length;
    const changed = Buffer.from(body);
    changed[signatureAt] = changed[signatureAt] === 0x30 ? 0x31 : 0x30;
    assertRejects(() => decode(changed, { chunkSignatures: verified, trailerSignature: true }), 'SignatureDoesNotMatch');
  });

  it('rejects signed chunks without signatures', () => {
    const unsigned = buildAwsChunkedBody(chunks, undefined);
    assertRejects(() => decode(unsigned, { chunkSignatures: verified, trailerSignature: false }), 'SignatureDoesNotMatch');
  });

  it('decodes unsigned chunks with a trailer', () => {
    const unsigned = buildAwsChunkedBody(chunks, undefined, trailer);
    const decoded = decode(unsigned, { chunkSignatures: undefined, trailerSignature: false });
    assert.deepEqual(decoded.data, expected);
    assert.deepEqual(decoded.trailer, trailer);
  });

  it('accepts a body that ends right after the zero-length chunk', () => {
    const decoded = decode(Buffer.from('3\r\nabc\r\n0\r\n'), { chunkSignatures: undefined, trailerSignature: false });
    assert.equal(decoded.data.toString(), 'abc');
  });

  it('accepts a last trailer line without the empty line', () => {
    const decoded = decode(Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg=='), {
      chunkSignatures: undefined,
      trailerSignature: false,
    });
    assert.deepEqual(decoded.trailer, [['x-amz-checksum-crc32', 'NSRBwg==']]);
  });

  it('rejects malformed framing', () => {
    const options = { chunkSignatures: undefined, trailerSignature: false };
    assertRejects(() => decode(Buffer.from('zz\r\nabc\r\n0\r\n\r\n'), options), 'IncompleteBody');
    assertRejects(() => decode(Buffer.from('3\r\nabcX\r\n0\r\n\r\n'), options), 'IncompleteBody');
    assertRejects(() => decode(Buffer.from('3\r\nabc\r\n0\r\n\r\nextra'), options), 'IncompleteBody');
    assertRejects(() => decode(Buffer.from('3\r\nabc\r\n0\r\nno colon here\r\n\r\n'), options), 'IncompleteBody');
    assertRejects(() => decode(Buffer.from(`${'f'.repeat(5000)}\r\n`), options), 'IncompleteBody');
    assertRejects(() => decode(Buffer.alloc(0), options), 'IncompleteBody');
  });
});
