/**
 * @module String to sign for one chunk of an aws-chunked body.
 */
import { CHUNK_ALGORITHM, EMPTY_SHA256 } from './constants.js';

export interface ChunkStringToSignParts {
  /** `YYYYMMDDTHHMMSSZ` of the request that carries the body. */
  readonly requestDateTime: string;
  readonly credentialScope: string;
  /** Signature of the previous chunk, or the request's own signature for the first chunk. */
  readonly previousSignature: string;
  /** Hex SHA-256 of the chunk's data. The final, empty chunk hashes to `EMPTY_SHA256`. */
  readonly chunkSha256: string;
}

/**
 * Builds the six lines signed for each chunk of a
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` body. The fifth line is always the hash
 * of the empty string, which stands for the chunk's (absent) headers.
 */
export function createChunkStringToSign(parts: ChunkStringToSignParts): string {
  return [
    CHUNK_ALGORITHM,
    parts.requestDateTime,
    parts.credentialScope,
    parts.previousSignature,
    EMPTY_SHA256,
    parts.chunkSha256,
  ].join('\n');
}
