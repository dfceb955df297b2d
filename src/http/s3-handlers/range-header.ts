/**
 * @module The HTTP Range header of GetObject (RFC 9110, section 14), as S3 reads it.
 */

export type ResolvedRange =
  /** No usable Range header: serve the whole object with 200. */
  | { readonly kind: 'whole' }
  /** Serve bytes `start` to `end` inclusive with 206. */
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  /** The range starts past the end of the object: 416 InvalidRange. */
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Resolves a Range header against an object of `size` bytes. A header that does
 * not parse, or that requests several ranges, is ignored, as S3 serves only
 * single ranges and HTTP lets a server ignore a Range it does not support.
 */
export function resolveRangeHeader(value: string | undefined, size: number): ResolvedRange {
  const match = value === undefined ? null : SINGLE_RANGE.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    return { kind: 'whole' };
  }

  const first = match[1] === '' ? undefined : Number(match[1]);
  const last = match[2] === '' ? undefined : Number(match[2]);

  // bytes=-N: the final N bytes.
  if (first === undefined) {
    if (last === 0 || size === 0) {
      return { kind: 'unsatisfiable' };
    }
    return { kind: 'partial', start: Math.max(0, size - last!), end: size - 1 };
  }

  if (last !== undefined && last < first) {
    return { kind: 'whole' };
  }
  if (first >= size) {
    return { kind: 'unsatisfiable' };
  }
  return { kind: 'partial', start: first, end: Math.min(last ?? size - 1, size - 1) };
}
