/**
 * @module Splitting a raw query string into decoded parameters.
 */
import { percentDecode } from './percent-decode.js';
import type { QueryParameter } from './types.js';

/**
 * Splits a raw query string (without the `?`) on `&` and each parameter on its
 * first `=`, then percent-decodes names and values into bytes. A raw `+` is read
 * as a space, as HTML forms and S3 write it. A parameter without `=` gets an
 * empty value, so `?acl` signs as `acl=`. Empty parameters (`a=1&&b=2`) are skipped.
 */
export function parseQueryString(rawQuery: string): QueryParameter[] {
  const parameters: QueryParameter[] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;

    const equals = piece.indexOf('=');
    const rawName = equals === -1 ? piece : piece.slice(0, equals);
    const rawValue = equals === -1 ? '' : piece.slice(equals + 1);
    parameters.push([
      percentDecode(rawName, { plusAsSpace: true }),
      percentDecode(rawValue, { plusAsSpace: true }),
    ]);
  }
  return parameters;
}
