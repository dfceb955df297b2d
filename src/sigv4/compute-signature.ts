/**
 * @module Signature over a string to sign.
 */
import { toHex } from './to-hex.js';
import type { Sha256Provider } from './types.js';

/** Returns the lowercase hex HMAC-SHA256 of the string to sign under the signing key. */
export function computeSignature(signingKey: Uint8Array, stringToSign: string, hashing: Sha256Provider): string {
  return toHex(hashing.hmacSha256(signingKey, stringToSign));
}
