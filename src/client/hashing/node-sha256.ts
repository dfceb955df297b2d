/**
 * @module SHA-256 and HMAC-SHA256 for the SigV4 library, from node:crypto.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Sha256Provider } from '../../sigv4/types.js';

/** The Node.js implementation of `Sha256Provider`. Strings are hashed as UTF-8. */
export const nodeSha256: Sha256Provider = {
  sha256(data: Uint8Array | string): Uint8Array {
    return createHash('sha256').update(data).digest();
  },
  hmacSha256(key: Uint8Array | string, data: Uint8Array | string): Uint8Array {
    return createHmac('sha256', key).update(data).digest();
  },
};
