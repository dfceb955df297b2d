import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../../s3/s3-errors.js';
import { parseCopySourceRange } from './copy-source-range.js';

describe('parseCopySourceRange', () => {
  it('returns undefined without the header', () => {
    assert.equal(parseCopySourceRange(undefined), undefined);
  });

  const valid: Array<[string, number, number]> = [
    ['bytes=0-0', 0, 0],
    ['bytes=0-9', 0, 9],
    ['bytes=5242880-10485759', 5_242_880, 10_485_759],
    ['bytes=007-8', 7, 8],
    ['bytes=0-999999999999999', 0, 999_999_999_999_999],
  ];
  for (const [header, start, end] of valid) {
    it(`parses ${header}`, () => {
      assert.deepEqual(parseCopySourceRange(header), { start, end });
    });
  }

  const invalid = ['', '0-9', 'bytes=0', 'bytes=0-', 'bytes=-5', 'bytes=9-0', 'bytes=0-2,3-5', 'bytes=hello-world', 'bytes = 0-9', 'Bytes=0-9', 'bytes=0-1000000000000000'];
  for (const header of invalid) {
    it(`rejects ${JSON.stringify(header)}`, () => {
      assert.throws(
        () => parseCopySourceRange(header),
        (error: unknown) => {
          assert.ok(error instanceof S3Error, `expected S3Error, got ${String(error)}`);
          assert.equal(error.code, 'InvalidArgument');
          assert.match(error.message, /^The x-amz-copy-source-range value must be of the form bytes=first-last/);
          assert.equal(error.details.ArgumentName, 'x-amz-copy-source-range');
          assert.equal(error.details.ArgumentValue, header);
          return true;
        },
      );
    });
  }
});
