/**
 * @module Canonical query string: the third line of the canonical request.
 */
import type { QueryParameter } from './types.js';
import { uriEncode } from './uri-encode.js';

function compareCodeUnits(left: string, right: string): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}

/**
 * Encodes each decoded parameter, sorts by encoded name and then by encoded
 * value, and joins them as `name=value` with `&`. Sorting the pairs instead of
 * the joined strings matters: `Param` sorts before `Param-3` although `=` sorts
 * after `-`. The caller leaves out `X-Amz-Signature` for presigned URLs.
 */
export function getCanonicalQuery(parameters: Iterable<QueryParameter>): string {
  const encoded: Array<[string, string]> = [];
  for (const [name, value] of parameters) {
    encoded.push([uriEncode(name), uriEncode(value)]);
  }

  // Encoded strings are ASCII, so comparing code units compares bytes.
  encoded.sort((left, right) => compareCodeUnits(left[0], right[0]) || compareCodeUnits(left[1], right[1]));

  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}
