/**
 * @module Lowercase hexadecimal encoding of bytes.
 */

const HEX_DIGITS = '0123456789abcdef';

/** Encodes bytes as lowercase hex, the form SigV4 uses for hashes and signatures. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) {
    hex += HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 0x0f];
  }
  return hex;
}
