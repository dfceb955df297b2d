import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { assertCopySourceConditions, type CopySourceConditions } from './copy-source-conditions.js';

const SOURCE = { etag: '"9b2cf535f27731c974343645a3985328"', lastModified: new Date('2024-05-01T12:00:00.500Z') };
const BEFORE = 'Tue, 30 Apr 2024 12:00:00 GMT';
const SAME_SECOND = 'Wed, 01 May 2024 12:00:00 GMT';
const AFTER = 'Thu, 02 May 2024 12:00:00 GMT';

function outcome(conditions: CopySourceConditions): string {
  try {
    assertCopySourceConditions(conditions, SOURCE);
    return 'copy';
  } catch (error) {
    assert.ok(error instanceof S3Error, `expected S3Error, got ${String(error)}`);
    assert.equal(error.code, 'PreconditionFailed');
    return 'failed';
  }
}

describe('assertCopySourceConditions', () => {
  const cases: Array<[string, CopySourceConditions, string]> = [
    ['no conditions', {}, 'copy'],
    ['if-match with the ETag', { ifMatch: SOURCE.etag }, 'copy'],
    ['if-match with the unquoted ETag', { ifMatch: '9b2cf535f27731c974343645a3985328' }, 'copy'],
    ['if-match in a list', { ifMatch: '"other", "9b2cf535f27731c974343645a3985328"' }, 'copy'],
    ['if-match star', { ifMatch: '*' }, 'copy'],
    ['if-match with another ETag', { ifMatch: '"other"' }, 'failed'],
    ['if-none-match with the ETag', { ifNoneMatch: SOURCE.etag }, 'failed'],
    ['if-none-match with another ETag', { ifNoneMatch: '"other"' }, 'copy'],
    ['if-modified-since before', { ifModifiedSince: BEFORE }, 'copy'],
    ['if-modified-since same second', { ifModifiedSince: SAME_SECOND }, 'failed'],
    ['if-modified-since after', { ifModifiedSince: AFTER }, 'failed'],
    ['if-unmodified-since after', { ifUnmodifiedSince: AFTER }, 'copy'],
    ['if-unmodified-since same second', { ifUnmodifiedSince: SAME_SECOND }, 'copy'],
    ['if-unmodified-since before', { ifUnmodifiedSince: BEFORE }, 'failed'],
    ['true if-match overrides false if-unmodified-since', { ifMatch: SOURCE.etag, ifUnmodifiedSince: BEFORE }, 'copy'],
    ['false if-none-match with true if-modified-since', { ifNoneMatch: SOURCE.etag, ifModifiedSince: BEFORE }, 'failed'],
    ['true if-none-match overrides false if-modified-since', { ifNoneMatch: '"other"', ifModifiedSince: AFTER }, 'copy'],
    ['invalid date ignored', { ifModifiedSince: 'yesterday', ifUnmodifiedSince: 'not a date' }, 'copy'],
  ];
  for (const [name, conditions, expected] of cases) {
    it(`${expected === 'copy' ? 'allows' : 'rejects'} ${name}`, () => {
      assert.equal(outcome(conditions), expected);
    });
  }

  it('names the failed condition', () => {
    assert.throws(
      () => assertCopySourceConditions({ ifMatch: '"other"' }, SOURCE),
      (error: unknown) => error instanceof S3Error && error.details.Condition === 'x-amz-copy-source-If-Match',
    );
  });
});
