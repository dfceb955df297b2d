import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalizeHeaderValue, getCanonicalHeaders } from './get-canonical-headers.js';

describe('getCanonicalHeaders', () => {
  it('trims values and collapses inner runs of spaces', () => {
    assert.equal(canonicalizeHeaderValue('  a   b   c  '), 'a b c');
    assert.equal(canonicalizeHeaderValue('a\t \tb'), 'a b');
  });

  it('turns folded lines into single spaces', () => {
    assert.equal(canonicalizeHeaderValue('value1\n  value2\r\n     value3'), 'value1 value2 value3');
  });

  it('joins repeated headers with commas in the order received', () => {
    const headers = [
      ['My-Header', 'value4'],
      ['Host', 'example.com'],
      ['my-header', ' value1 '],
    ] as const;
    assert.equal(getCanonicalHeaders(headers, ['host', 'my-header']), 'host:example.com\nmy-header:value4,value1\n');
  });

  it('lowercases names and follows the signed order', () => {
    const headers = [
      ['X-Amz-Date', '20150830T123600Z'],
      ['HOST', '127.0.0.1:9000'],
    ] as const;
    assert.equal(getCanonicalHeaders(headers, ['host', 'x-amz-date']), 'host:127.0.0.1:9000\nx-amz-date:20150830T123600Z\n');
  });

  it('keeps host values exactly as sent', () => {
    for (const host of ['127.0.0.1:80', '[::1]:9000', 'example-bucket.localhost:9000']) {
      assert.equal(getCanonicalHeaders([['Host', host]], ['host']), `host:${host}\n`);
    }
  });

  it('gives a signed header that is absent an empty value', () => {
    assert.equal(getCanonicalHeaders([['host', 'h']], ['host', 'x-amz-meta-a']), 'host:h\nx-amz-meta-a:\n');
  });
});
