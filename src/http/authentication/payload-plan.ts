/**
 * @module Decides from the request headers how the body is framed and verified.
 */
import {
  CONTENT_SHA256_HEADER,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
  UNSIGNED_PAYLOAD,
} from '../../sigv4/constants.js';
import { AuthenticationError } from './authentication-error.js';
import { checksumAlgorithmOfHeader, isValidChecksumValue, type ChecksumAlgorithm } from './checksums.js';
import { readQueryParameters } from './parse-signed-request.js';
import { headerValue, type ReceivedRequest } from './received-request.js';
import type { SignatureParameters } from './signature-parameters.js';

export interface PayloadPlan {
  /** The last line of the canonical request, or undefined when it is the SHA-256 of the body, which must be read first. */
  readonly signedPayloadHash: string | undefined;
  /** `aws-chunked` bodies are split into chunks, each with a size line, and end with an optional trailer. */
  readonly framing: 'none' | 'aws-chunked';
  readonly chunkSignatures: boolean;
  readonly trailerSignature: boolean;
  /** Lowercase hex SHA-256 that the bytes as received must have. */
  readonly expectedSha256: string | undefined;
  /** Checksum whose value arrives in the trailer, declared by `x-amz-trailer`. */
  readonly trailerChecksum: ChecksumAlgorithm | undefined;
  /** Checksum whose value arrives in an `x-amz-checksum-*` header. */
  readonly headerChecksum: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | undefined;
  /** Base64 MD5 from `Content-MD5`. */
  readonly contentMd5: string | undefined;
  /** Length of the body after removing any framing, when the client declared it. */
  readonly decodedContentLength: number | undefined;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const PAYLOAD_KEYWORDS = new Set([
  UNSIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
]);
const MULTIPLE_CHECKSUMS = 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.';

function parseLength(text: string | undefined, headerName: string): number | undefined {
  if (text === undefined) return undefined;
  const length = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(length)) {
    throw new AuthenticationError('InvalidArgument', `The ${headerName} header is not a valid length.`, {
      ArgumentName: headerName,
      ArgumentValue: text,
    });
  }
  return length;
}

/**
 * Reads `x-amz-content-sha256`. S3 requires it for header-signed requests and
 * treats it as `UNSIGNED-PAYLOAD` for presigned ones. Other services hash the
 * body when it is absent, and accept only a real hash, so their bodies are
 * always signed.
 */
function readContentSha256(received: ReceivedRequest, parameters: SignatureParameters, service: string) {
  const value = headerValue(received, CONTENT_SHA256_HEADER);
  if (value === undefined) {
    if (service !== 's3') return undefined;
    if (parameters.location === 'query') return UNSIGNED_PAYLOAD;
    throw new AuthenticationError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }

  if (service !== 's3' && !HEX_SHA256.test(value)) {
    throw new AuthenticationError('InvalidArgument', 'x-amz-content-sha256 must be the SHA-256 of the body in hex.', {
      ArgumentName: CONTENT_SHA256_HEADER,
      ArgumentValue: value,
    });
  }

  // Differs from AWS: the STREAMING-AWS4-ECDSA-P256-SHA256-* values of SigV4a are not supported.
  if (!PAYLOAD_KEYWORDS.has(value) && !HEX_SHA256.test(value)) {
    throw new AuthenticationError(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      { ArgumentName: CONTENT_SHA256_HEADER, ArgumentValue: value },
    );
  }
  return value;
}

/** Reads `x-amz-trailer`, which may name one `x-amz-checksum-*` field. */
function readTrailerChecksum(received: ReceivedRequest): ChecksumAlgorithm | undefined {
  const declared = headerValue(received, 'x-amz-trailer');
  if (declared === undefined) return undefined;

  const algorithms: ChecksumAlgorithm[] = [];
  for (const name of declared.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const algorithm = checksumAlgorithmOfHeader(name);
    if (algorithm === undefined) {
      throw new AuthenticationError('InvalidRequest', 'The value specified in the x-amz-trailer header is not supported');
    }
    algorithms.push(algorithm);
  }
  if (algorithms.length > 1) throw new AuthenticationError('InvalidRequest', MULTIPLE_CHECKSUMS);
  return algorithms[0];
}

/** Reads the one `x-amz-checksum-*` header a request may carry and checks its format. */
function readHeaderChecksum(received: ReceivedRequest): PayloadPlan['headerChecksum'] {
  let found: PayloadPlan['headerChecksum'];
  for (const [name, value] of received.headers) {
    const algorithm = checksumAlgorithmOfHeader(name);
    if (algorithm === undefined) continue;
    if (found !== undefined) throw new AuthenticationError('InvalidRequest', MULTIPLE_CHECKSUMS);
    if (!isValidChecksumValue(algorithm, value)) {
      throw new AuthenticationError('InvalidRequest', `Value for ${name.toLowerCase()} header is invalid.`);
    }
    found = { algorithm, value };
  }
  return found;
}

function readContentMd5(received: ReceivedRequest): string | undefined {
  const value = headerValue(received, 'content-md5');
  if (value === undefined) return undefined;

  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value) {
    throw new AuthenticationError('InvalidDigest', 'The Content-MD5 you specified is not valid.');
  }
  return value;
}

/**
 * Works out from the headers alone how to read and verify the body: its
 * framing, which signatures and checksums it carries and how long it is.
 */
export function planPayload(received: ReceivedRequest, parameters: SignatureParameters, service: string): PayloadPlan {
  const contentSha256 = readContentSha256(received, parameters, service);
  const streaming = contentSha256 !== undefined && contentSha256.startsWith('STREAMING-');

  // Framing is recognised from any of its three markers, as clients set different subsets.
  const contentEncoding = (headerValue(received, 'content-encoding') ?? '').toLowerCase();
  const declaredDecodedLength = headerValue(received, 'x-amz-decoded-content-length');
  const framed =
    streaming ||
    contentEncoding.split(',').some((token) => token.trim() === 'aws-chunked') ||
    declaredDecodedLength !== undefined;

  // CompleteMultipartUpload sends the whole object's checksum in x-amz-checksum-*, not the body's.
  const completesMultipartUpload = received.method === 'POST' && readQueryParameters(received.rawQuery).has('uploadId');
  const headerChecksum = completesMultipartUpload ? undefined : readHeaderChecksum(received);
  const trailerChecksum = framed ? readTrailerChecksum(received) : undefined;
  if (headerChecksum !== undefined && trailerChecksum !== undefined) {
    throw new AuthenticationError('InvalidRequest', MULTIPLE_CHECKSUMS);
  }

  return {
    signedPayloadHash: contentSha256,
    framing: framed ? 'aws-chunked' : 'none',
    chunkSignatures: contentSha256 === STREAMING_SIGNED_PAYLOAD || contentSha256 === STREAMING_SIGNED_PAYLOAD_TRAILER,
    trailerSignature: contentSha256 === STREAMING_SIGNED_PAYLOAD_TRAILER,
    expectedSha256: contentSha256 !== undefined && HEX_SHA256.test(contentSha256) ? contentSha256.toLowerCase() : undefined,
    trailerChecksum,
    headerChecksum,
    contentMd5: readContentMd5(received),
    decodedContentLength: framed
      ? parseLength(declaredDecodedLength, 'x-amz-decoded-content-length')
      : parseLength(headerValue(received, 'content-length'), 'content-length'),
  };
}
