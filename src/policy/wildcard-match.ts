/**
 * @module Wildcard matching as IAM policies use it: `*` matches any run of
 * characters (including none) and `?` matches exactly one character.
 */

/**
 * Tests `value` against `pattern`; every character other than `*` and `?`
 * matches itself. Runs in O(pattern × value) time at worst, because policies
 * come from callers and a backtracking regular expression built from a pattern
 * such as `*?*?*?*?*Z` takes exponential time.
 */
export function matchesWildcard(pattern: string, value: string, options: { ignoreCase: boolean }): boolean {
  const patternText = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const valueText = options.ignoreCase ? value.toLowerCase() : value;
  if (!patternText.includes('*') && !patternText.includes('?')) {
    return patternText === valueText;
  }

  // Compare code points, so `?` consumes one character even outside the BMP.
  const patternChars = Array.from(patternText);
  const valueChars = Array.from(valueText);

  let p = 0;
  let v = 0;
  // Position of the last `*` seen, and the value position it is currently stretched to.
  let starAt = -1;
  let starMatchedUpTo = 0;

  while (v < valueChars.length) {
    const token = patternChars[p];
    if (token === '*') {
      starAt = p;
      starMatchedUpTo = v;
      p += 1;
    } else if (token !== undefined && (token === '?' || token === valueChars[v])) {
      p += 1;
      v += 1;
    } else if (starAt !== -1) {
      // Let the last `*` absorb one more character and retry from just after it.
      starMatchedUpTo += 1;
      v = starMatchedUpTo;
      p = starAt + 1;
    } else {
      return false;
    }
  }

  // Only trailing stars may remain unmatched.
  while (patternChars[p] === '*') {
    p += 1;
  }
  return p === patternChars.length;
}
