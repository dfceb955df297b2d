/**
 * @module Percent-encoding by the SigV4 rules.
 */

const UPPERCASE_HEX = '0123456789ABCDEF';
const utf8Encoder = new TextEncoder();

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

/**
 * Percent-encodes every byte except the unreserved characters `A-Z a-z 0-9 - . _ ~`,
 * with uppercase hex digits. Strings are encoded as UTF-8 first. With `keepSlash`,
 * `/` stays as it is, which is how paths are encoded.
 */
export function uriEncode(value: string | Uint8Array, options: { keepSlash?: boolean } = {}): string {
  const bytes = typeof value === 'string' ? utf8Encoder.encode(value) : value;
  let encoded = '';
  for (const byte of bytes) {
    if (isUnreserved(byte) || (byte === 0x2f && options.keepSlash === true)) {
      encoded += String.fromCharCode(byte);
    } else {
      encoded += '%' + UPPERCASE_HEX[byte >> 4] + UPPERCASE_HEX[byte & 0x0f];
    }
  }
  return encoded;
}
