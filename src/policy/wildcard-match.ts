/**
 * @module Wildcard matching as IAM policies use it: `*` matches any run of
 * characters (including none) and `?` matches exactly one character.
 */

/** Tests `value` against `pattern`; every character other than `*` and `?` matches itself. */
export function matchesWildcard(pattern: string, value: string, options: { ignoreCase: boolean }): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return options.ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }

  return wildcardToRegExp(pattern, options.ignoreCase).test(value);
}

function wildcardToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  let source = '';
  for (const character of pattern) {
    if (character === '*') {
      source += '.*';
    } else if (character === '?') {
      source += '.';
    } else {
      source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }

  // `s` lets `.` match line breaks too, `u` makes `?` consume one code point.
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}
