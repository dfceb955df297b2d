import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../../s3/s3-errors.js';
import { parseCopySource, parseMetadataDirective } from './copy-source.js';

function assertInvalidArgument(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof S3Error, `expected S3Error, got ${String(error)}`);
    assert.equal(error.code, 'InvalidArgument');
    assert.equal(error.message, message);
    return true;
  });
}

describe('parseCopySource', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['source-bucket/photos/cat.jpg', 'source-bucket', 'photos/cat.jpg', undefined],
    ['/source-bucket/photos/cat.jpg', 'source-bucket', 'photos/cat.jpg', undefined],
    ['source-bucket/caf%C3%A9%20%E2%9C%93.txt', 'source-bucket', 'café ✓.txt', undefined],
    ['source-bucket/a+b.txt', 'source-bucket', 'a b.txt', undefined],
    ['source-bucket/c%2Bd.txt', 'source-bucket', 'c+d.txt', undefined],
    ['source-bucket/what%3F.txt', 'source-bucket', 'what?.txt', undefined],
    ['source-bucket//leading-slash', 'source-bucket', '/leading-slash', undefined],
    ['source-bucket/a/../b', 'source-bucket', 'a/../b', undefined],
    ['source-bucket/k?versionId=null', 'source-bucket', 'k', 'null'],
    ['/source-bucket/k%3Fv?versionId=abc', 'source-bucket', 'k?v', 'abc'],
  ];
  for (const [header, bucket, key, versionId] of cases) {
    it(`parses ${header}`, () => {
      const source = parseCopySource(header);

      assert.equal(source.bucket, bucket);
      assert.equal(source.key, key);
      assert.equal(source.versionId, versionId);
    });
  }

  it('rejects a missing bucket', () => {
    for (const header of ['', '/', '//key']) {
      assertInvalidArgument(() => parseCopySource(header), 'Invalid copy source bucket name');
    }
  });

  it('rejects a missing key', () => {
    for (const header of ['source-bucket', '/source-bucket', 'source-bucket/', 'source-bucket?versionId=null']) {
      assertInvalidArgument(() => parseCopySource(header), 'Invalid copy source object key');
    }
  });

  it('rejects a bad escape', () => {
    for (const header of ['source-bucket/100%', 'source-bucket/%ZZ', 'source-bucket/%FF']) {
      assertInvalidArgument(() => parseCopySource(header), 'Invalid copy source encoding.');
    }
  });
});

describe('parseMetadataDirective', () => {
  it('defaults to COPY', () => {
    assert.equal(parseMetadataDirective(undefined), 'COPY');
  });

  it('accepts COPY and REPLACE', () => {
    assert.equal(parseMetadataDirective('COPY'), 'COPY');
    assert.equal(parseMetadataDirective('REPLACE'), 'REPLACE');
  });

  it('rejects other values', () => {
    for (const value of ['', 'replace', 'MOVE']) {
      assertInvalidArgument(() => parseMetadataDirective(value), 'Unknown metadata directive.');
    }
  });
});
