/**
 * @module The canonical request that a SigV4 signature covers.
 */

export interface CanonicalRequestParts {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  /** Output of `getCanonicalHeaders`: one line per header, each ending in `\n`. */
  readonly canonicalHeaders: string;
  /** Lowercase header names in signing order. */
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body, or a stand-in such as `UNSIGNED-PAYLOAD`. */
  readonly payloadHash: string;
}

/** Joins the parts with newlines. The header block ends with an empty line. */
export function createCanonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}
