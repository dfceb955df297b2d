/**
 * @module Canonical form of the trailer of an aws-chunked body.
 */
import type { HeaderList } from './types.js';

/**
 * Writes each trailer field as `name:value\n`, with the name lowercased and
 * the value trimmed, in the order sent. `x-amz-trailer-signature` is not part of it.
 */
export function getCanonicalTrailer(trailer: HeaderList): string {
  let canonical = '';
  for (const [name, value] of trailer) {
    canonical += `${name.toLowerCase()}:${value.trim()}\n`;
  }
  return canonical;
}
