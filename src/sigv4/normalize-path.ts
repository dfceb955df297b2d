/**
 * @module Path normalisation for every service except S3.
 */

/**
 * Removes `.` and `..` segments and empty segments (so `//` becomes `/`), keeping
 * a leading and a trailing slash. This is the normalisation the AWS SigV4 test
 * suite expects. It is stricter than RFC 3986, which keeps empty segments.
 */
export function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }

  const leadingSlash = path.startsWith('/') ? '/' : '';
  const trailingSlash = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return leadingSlash + segments.join('/') + trailingSlash;
}
