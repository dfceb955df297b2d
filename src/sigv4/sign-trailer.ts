/**
 * @module Client-side signing of the trailer of an aws-chunked body.
 */
import { computeSignature } from './compute-signature.js';
import { createTrailerStringToSign } from './create-trailer-string-to-sign.js';
import { getCanonicalTrailer } from './get-canonical-trailer.js';
import { toHex } from './to-hex.js';
import type { ChunkSigningContext, HeaderList, Sha256Provider } from './types.js';

/** Signs the trailer fields, chaining from the signature of the final, empty chunk. */
export function signTrailer(
  context: ChunkSigningContext,
  finalChunkSignature: string,
  trailer: HeaderList,
  hashing: Sha256Provider,
): string {
  const stringToSign = createTrailerStringToSign({
    requestDateTime: context.requestDateTime,
    credentialScope: context.credentialScope,
    previousSignature: finalChunkSignature,
    trailerSha256: toHex(hashing.sha256(getCanonicalTrailer(trailer))),
  });
  return computeSignature(context.signingKey, stringToSign, hashing);
}
