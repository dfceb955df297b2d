/**
 * @module Signing key derivation.
 */
import { SCOPE_TERMINATOR } from './constants.js';
import type { Sha256Provider } from './types.js';

/**
 * Derives the key that signs requests for one day, region and service by
 * chaining HMAC-SHA256 from `"AWS4" + secret`. The result is as secret as the
 * secret key for that scope. Never log it.
 */
export function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
  hashing: Sha256Provider,
): Uint8Array {
  const dateKey = hashing.hmacSha256(`AWS4${secretAccessKey}`, date);
  const regionKey = hashing.hmacSha256(dateKey, region);
  const serviceKey = hashing.hmacSha256(regionKey, service);
  return hashing.hmacSha256(serviceKey, SCOPE_TERMINATOR);
}
