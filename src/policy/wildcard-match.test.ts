import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesWildcard } from './wildcard-match.js';

const exact = { ignoreCase: false };
const folded = { ignoreCase: true };

test('wildcard cases', () => {
  const cases: Array<[string, string, boolean]> = [
    ['kms:*', 'kms:Decrypt', true],
    ['kms:ReEncrypt*', 'kms:ReEncryptFrom', true],
    ['kms:ReEncrypt*', 'kms:ReEncrypt', true],
    ['kms:ReEncrypt*', 'kms:Encrypt', false],
    ['kms:Describe?ey', 'kms:DescribeKey', true],
    ['kms:Describe?ey', 'kms:Describeey', false],
    ['*', '', true],
    ['?', '', false],
    ['', '', true],
    ['', 'x', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['a*b', 'abab', true],
    ['a*?', 'a', false],
    ['a*?', 'ab', true],
    ['**x', 'yyx', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/dir/key', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket2/key', false],
    ['caf?', 'café', true],
    ['?', '😀', true],
    ['a.b', 'aXb', false],
    ['a+b', 'a+b', true],
  ];

  for (const [pattern, value, expected] of cases) {
    assert.equal(matchesWildcard(pattern, value, exact), expected, `${pattern} ~ ${value}`);
  }
});

test('ignoreCase folds both sides', () => {
  assert.equal(matchesWildcard('KMS:decrypt', 'kms:Decrypt', folded), true);
  assert.equal(matchesWildcard('kms:RE*', 'kms:ReEncryptTo', folded), true);
  assert.equal(matchesWildcard('KMS:decrypt', 'kms:Decrypt', exact), false);
});

test('agrees with a reference matcher on random inputs', () => {
  const alphabet = ['a', 'b', '*', '?'];
  const reference = (pattern: string, value: string): boolean => {
    const regexParts: Record<string, string> = { '*': '.*', '?': '.' };
    const source = Array.from(pattern, (character) => regexParts[character] ?? character).join('');
    return new RegExp(`^${source}$`, 'su').test(value);
  };

  let seed = 12345;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };

  for (let round = 0; round < 3000; round += 1) {
    const pattern = Array.from({ length: next(7) }, () => alphabet[next(4)]).join('');
    const value = Array.from({ length: next(7) }, () => alphabet[next(2)]).join('');
    assert.equal(matchesWildcard(pattern, value, exact), reference(pattern, value), `${pattern} ~ ${value}`);
  }
});

test('pathological pattern finishes', () => {
  // A backtracking regular expression needs exponential time for this pattern.
  const pattern = 'arn:' + '*?'.repeat(30) + 'Z';
  const value = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  assert.equal(matchesWildcard(pattern, value, exact), false);
  assert.equal(matchesWildcard(pattern, value + 'Z', exact), true);
});
