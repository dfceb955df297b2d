import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateConditions } from './get-object.js';

const object = { etag: '"abc123"', lastModified: new Date('2024-05-01T12:00:00.500Z') };
const before = 'Wed, 01 May 2024 11:00:00 GMT';
const same = 'Wed, 01 May 2024 12:00:00 GMT';
const afterwards = 'Wed, 01 May 2024 13:00:00 GMT';

describe('evaluateConditions', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no conditions', {}, 'proceed'],
    ['If-Match equal', { 'if-match': '"abc123"' }, 'proceed'],
    ['If-Match unquoted', { 'if-match': 'abc123' }, 'proceed'],
    ['If-Match star', { 'if-match': '*' }, 'proceed'],
    ['If-Match in a list', { 'if-match': '"x", "abc123"' }, 'proceed'],
    ['If-Match different', { 'if-match': '"other"' }, 'precondition-failed'],
    ['If-None-Match equal', { 'if-none-match': '"abc123"' }, 'not-modified'],
    ['If-None-Match different', { 'if-none-match': '"other"' }, 'proceed'],
    ['If-Modified-Since before', { 'if-modified-since': before }, 'proceed'],
    ['If-Modified-Since same second', { 'if-modified-since': same }, 'not-modified'],
    ['If-Modified-Since after', { 'if-modified-since': afterwards }, 'not-modified'],
    ['If-Unmodified-Since before', { 'if-unmodified-since': before }, 'precondition-failed'],
    ['If-Unmodified-Since same second', { 'if-unmodified-since': same }, 'proceed'],
    ['If-Match wins over If-Unmodified-Since', { 'if-match': '"abc123"', 'if-unmodified-since': before }, 'proceed'],
    ['If-None-Match wins over If-Modified-Since', { 'if-none-match': '"other"', 'if-modified-since': afterwards }, 'proceed'],
    ['invalid date ignored', { 'if-modified-since': 'yesterday' }, 'proceed'],
  ];
  for (const [name, headers, expected] of cases) {
    it(name, () => {
      assert.equal(evaluateConditions(headers, object), expected);
    });
  }
});
