/**
 * @module Canonical URI: the second line of the canonical request.
 */
import { normalizePath } from './normalize-path.js';
import { percentDecode } from './percent-decode.js';
import type { CanonicalUriMode } from './types.js';
import { uriEncode } from './uri-encode.js';

/**
 * Builds the canonical URI from the path as sent on the wire.
 *
 * For S3 the path is decoded (a raw `+` is a space, as S3 reads object keys) and
 * encoded once, with no normalisation, because `a//b` and `a/./b` are distinct
 * object keys. A correctly encoded S3 path therefore comes back unchanged.
 * For other services, dot segments and empty segments are removed and the wire
 * path is encoded again, which makes it doubly encoded.
 */
export function getCanonicalUri(wirePath: string, mode: CanonicalUriMode): string {
  const canonical =
    mode === 's3'
      ? uriEncode(percentDecode(wirePath, { plusAsSpace: true }), { keepSlash: true })
      : uriEncode(normalizePath(wirePath), { keepSlash: true });

  return canonical === '' ? '/' : canonical;
}
