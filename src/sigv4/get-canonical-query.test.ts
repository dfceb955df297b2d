import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCanonicalQuery } from './get-canonical-query.js';
import { parseQueryString } from './parse-query-string.js';

describe('getCanonicalQuery', () => {
  it('sorts by encoded name, then by encoded value', () => {
    const query = getCanonicalQuery([
      ['Param-3', 'Value3'],
      ['Param', 'Value2'],
      ['ሴ', 'Value1'],
      ['b', 'z'],
      ['b', 'a'],
    ]);
    assert.equal(query, '%E1%88%B4=Value1&Param=Value2&Param-3=Value3&b=a&b=z');
  });

  it('encodes spaces, plus signs and slashes', () => {
    assert.equal(getCanonicalQuery([['prefix', 'a b+c/d']]), 'prefix=a%20b%2Bc%2Fd');
  });

  it('writes parameters without a value as name=', () => {
    assert.equal(getCanonicalQuery([['uploads', ''], ['acl', '']]), 'acl=&uploads=');
  });
});

describe('parseQueryString', () => {
  const decodeAll = (raw: string): string[][] =>
    parseQueryString(raw).map((pair) => pair.map((part) => (typeof part === 'string' ? part : new TextDecoder().decode(part))));

  it('splits, decodes and keeps repeated names', () => {
    assert.deepEqual(decodeAll('a=1&b=x%2By&a=2'), [
      ['a', '1'],
      ['b', 'x+y'],
      ['a', '2'],
    ]);
  });

  it('reads a raw plus as a space', () => {
    assert.deepEqual(decodeAll('prefix=a+b'), [['prefix', 'a b']]);
  });

  it('reads a parameter without = as an empty value and skips empty pieces', () => {
    assert.deepEqual(decodeAll('acl&&x=='), [
      ['acl', ''],
      ['x', '='],
    ]);
  });

  it('round-trips through the canonical form', () => {
    assert.equal(getCanonicalQuery(parseQueryString('b=2&a=caf%C3%A9&a=%7E')), 'a=caf%C3%A9&a=~&b=2');
  });
});
