/**
 * @module Canonical headers: the header lines of the canonical request.
 */
import type { HeaderList } from './types.js';

/**
 * Trims a header value and collapses each run of spaces and tabs into one
 * space. Line breaks of folded (multi-line) values count as spaces.
 */
export function canonicalizeHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/**
 * Builds one `name:value\n` line per signed header, in the order of
 * `signedHeaders`. Names are lowercased. The values of a repeated header are
 * joined with `,` in the order received. A signed header that the request does
 * not carry gets an empty value, so its signature cannot match one made with it.
 */
export function getCanonicalHeaders(headers: HeaderList, signedHeaders: readonly string[]): string {
  let lines = '';
  for (const signedName of signedHeaders) {
    const name = signedName.toLowerCase();
    const values: string[] = [];
    for (const [headerName, value] of headers) {
      if (headerName.toLowerCase() === name) values.push(canonicalizeHeaderValue(value));
    }
    lines += `${name}:${values.join(',')}\n`;
  }
  return lines;
}
