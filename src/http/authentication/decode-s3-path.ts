/**
 * @module Decoding of S3 request paths, shared by signature checks and routing.
 */
import { percentDecode } from '../../sigv4/percent-decode.js';
import { AuthenticationError } from './authentication-error.js';

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a raw S3 path (`/bucket/key` or, for virtual-hosted buckets, `/key`)
 * the way S3 does: `%XX` escapes are UTF-8 bytes and a raw `+` is a space, so
 * `/b/a+b.txt` names key `a b.txt` and `/b/c%2Bd.txt` names `c+d.txt`. Nothing
 * is normalised: `/b//foo` keeps key `/foo`.
 *
 * @throws AuthenticationError `InvalidURI` for a bad escape or bytes that are not UTF-8.
 */
export function decodeS3Path(rawPath: string): string {
  if (MALFORMED_ESCAPE.test(rawPath)) {
    throw new AuthenticationError('InvalidURI', "Couldn't parse the specified URI.");
  }

  try {
    return utf8Decoder.decode(percentDecode(rawPath, { plusAsSpace: true }));
  } catch {
    throw new AuthenticationError('InvalidURI', "Couldn't parse the specified URI.");
  }
}
