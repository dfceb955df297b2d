import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCanonicalUri } from './get-canonical-uri.js';

describe('getCanonicalUri for S3', () => {
  const cases: Array<[wirePath: string, canonical: string]> = [
    ['/example-bucket/a+b.txt', '/example-bucket/a%20b.txt'],
    ['/example-bucket/a%20b.txt', '/example-bucket/a%20b.txt'],
    ['/example-bucket/c%2Bd.txt', '/example-bucket/c%2Bd.txt'],
    ['/example-bucket//foo', '/example-bucket//foo'],
    ['/example-bucket/dir//x', '/example-bucket/dir//x'],
    ['/example-bucket/./a/../b', '/example-bucket/./a/../b'],
    ['/example-bucket/caf%C3%A9%20%E2%9C%93.txt', '/example-bucket/caf%C3%A9%20%E2%9C%93.txt'],
    ['/example-bucket/caf%c3%a9', '/example-bucket/caf%C3%A9'],
    ['/example-bucket/café ✓.txt', '/example-bucket/caf%C3%A9%20%E2%9C%93.txt'],
    ['/example-bucket/a%2Fb', '/example-bucket/a/b'],
    ['/example-bucket/x*y!(z)', '/example-bucket/x%2Ay%21%28z%29'],
    ['/example-bucket/100%', '/example-bucket/100%25'],
    ['/', '/'],
    ['', '/'],
  ];

  for (const [wirePath, canonical] of cases) {
    it(`${wirePath || '(empty)'} -> ${canonical}`, () => {
      assert.equal(getCanonicalUri(wirePath, 's3'), canonical);
    });
  }
});

describe('getCanonicalUri for other services', () => {
  const cases: Array<[wirePath: string, canonical: string]> = [
    ['/', '/'],
    ['/a/./b/../c', '/a/c'],
    ['//example//', '/example/'],
    ['/example space/', '/example%20space/'],
    ['/a%20b', '/a%2520b'],
    ['/example/$delete', '/example/%24delete'],
  ];

  for (const [wirePath, canonical] of cases) {
    it(`${wirePath} -> ${canonical}`, () => {
      assert.equal(getCanonicalUri(wirePath, 'standard'), canonical);
    });
  }
});
