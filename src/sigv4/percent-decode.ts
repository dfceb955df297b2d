/**
 * @module Percent-decoding of paths and query strings into bytes.
 */

const utf8Encoder = new TextEncoder();

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * Decodes `%XX` escapes into bytes and encodes every other character as UTF-8.
 * With `plusAsSpace`, a raw `+` becomes a space, as S3 reads paths and as HTML
 * forms write query strings. A `%` that does not start a valid escape is kept as
 * a literal `%`, so callers that must reject such input check it themselves.
 */
export function percentDecode(text: string, options: { plusAsSpace?: boolean } = {}): Uint8Array {
  const bytes: number[] = [];
  let literalStart = 0;

  const flushLiteral = (end: number): void => {
    if (end > literalStart) {
      for (const byte of utf8Encoder.encode(text.slice(literalStart, end))) bytes.push(byte);
    }
  };

  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      // charCodeAt past the end returns NaN, which hexValue rejects.
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        flushLiteral(i);
        bytes.push(high * 16 + low);
        i += 2;
        literalStart = i + 1;
      }
    } else if (code === 0x2b && options.plusAsSpace === true) {
      flushLiteral(i);
      bytes.push(0x20);
      literalStart = i + 1;
    }
  }
  flushLiteral(text.length);

  return Uint8Array.from(bytes);
}
