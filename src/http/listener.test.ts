import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKmsRequest } from './listener.js';

test('KMS and S3 requests told apart', () => {
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' }, true],
    [{ 'x-amz-target': 'Bogus.Target', 'content-type': 'application/x-amz-json-1.1' }, true],
    [{ 'content-type': 'application/x-amz-json-1.1' }, true],
    [{ 'content-type': 'Application/X-Amz-Json-1.1; charset=utf-8' }, true],
    [{ 'content-type': 'application/xml' }, false],
    [{ 'content-type': 'application/json' }, false],
    [{}, false],
  ];

  for (const [headers, expected] of cases) {
    assert.equal(isKmsRequest({ headers }), expected, JSON.stringify(headers));
  }
});
