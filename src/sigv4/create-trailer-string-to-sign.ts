/**
 * @module String to sign for the trailer of an aws-chunked body.
 */
import { TRAILER_ALGORITHM } from './constants.js';

export interface TrailerStringToSignParts {
  readonly requestDateTime: string;
  readonly credentialScope: string;
  /** Signature of the final, empty chunk. */
  readonly previousSignature: string;
  /** Hex SHA-256 of `getCanonicalTrailer(trailer)`. */
  readonly trailerSha256: string;
}

/** Builds the five lines signed for the trailer of a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER` body. */
export function createTrailerStringToSign(parts: TrailerStringToSignParts): string {
  return [
    TRAILER_ALGORITHM,
    parts.requestDateTime,
    parts.credentialScope,
    parts.previousSignature,
    parts.trailerSha256,
  ].join('\n');
}
