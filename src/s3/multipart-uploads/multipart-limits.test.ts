import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { parsePartNumber } from './multipart-limits.js';

describe('parsePartNumber', () => {
  it('accepts 1 to 10000', () => {
    assert.equal(parsePartNumber('1'), 1);
    assert.equal(parsePartNumber('10000'), 10000);
  });

  for (const value of ['0', '10001', '-1', '1.5', 'x', '', null]) {
    it(`rejects ${JSON.stringify(value)} with InvalidArgument`, () => {
      assert.throws(
        () => parsePartNumber(value),
        (error: unknown) => error instanceof S3Error && error.code === 'InvalidArgument' && error.details.ArgumentName === 'partNumber',
      );
    });
  }
});
