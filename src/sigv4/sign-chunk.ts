/**
 * @module Client-side signing of one chunk of an aws-chunked body.
 */
import { computeSignature } from './compute-signature.js';
import { createChunkStringToSign } from './create-chunk-string-to-sign.js';
import { toHex } from './to-hex.js';
import type { ChunkSigningContext, Sha256Provider } from './types.js';

/**
 * Signs one chunk's data, chaining from the previous signature (the request's
 * own signature for the first chunk). Sign the final, empty chunk with an empty array.
 */
export function signChunk(
  context: ChunkSigningContext,
  previousSignature: string,
  chunk: Uint8Array,
  hashing: Sha256Provider,
): string {
  const stringToSign = createChunkStringToSign({
    requestDateTime: context.requestDateTime,
    credentialScope: context.credentialScope,
    previousSignature,
    chunkSha256: toHex(hashing.sha256(chunk)),
  });
  return computeSignature(context.signingKey, stringToSign, hashing);
}
