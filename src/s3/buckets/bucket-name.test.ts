import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { assertValidBucketName, findBucketNameProblem } from './bucket-name.js';

const valid = [
  'abc',
  'example-bucket',
  'my.bucket.name',
  'docexamplebucket1',
  'a'.repeat(63),
  '1bucket2',
  'bucket-with-xn--inside',
  'amzn-s3-demo',
];

const invalid: Array<[string, string]> = [
  ['ab', 'too short'],
  ['a'.repeat(64), 'too long'],
  ['Example', 'uppercase'],
  ['my_bucket', 'underscore'],
  ['-bucket', 'leading hyphen'],
  ['bucket-', 'trailing hyphen'],
  ['.bucket', 'leading dot'],
  ['bucket.', 'trailing dot'],
  ['my..bucket', 'adjacent dots'],
  ['192.168.5.4', 'IP address'],
  ['xn--bucket', 'xn-- prefix'],
  ['sthree-bucket', 'sthree- prefix'],
  ['amzn-s3-demo-bucket', 'amzn-s3-demo- prefix'],
  ['bucket-s3alias', '-s3alias suffix'],
  ['bucket--ol-s3', '--ol-s3 suffix'],
  ['bucket.mrap', '.mrap suffix'],
  ['bucket--x-s3', '--x-s3 suffix'],
  ['bucket--table-s3', '--table-s3 suffix'],
  ['bücket', 'non-ASCII letter'],
  ['my bucket', 'space'],
  ['', 'empty'],
];

describe('bucket name rules', () => {
  for (const name of valid) {
    it(`accepts ${name}`, () => {
      assert.equal(findBucketNameProblem(name), undefined);
    });
  }

  for (const [name, reason] of invalid) {
    it(`rejects ${reason}`, () => {
      assert.notEqual(findBucketNameProblem(name), undefined);
      assert.throws(
        () => assertValidBucketName(name),
        (error: unknown) => error instanceof S3Error && error.code === 'InvalidBucketName' && error.details.BucketName === name,
      );
    });
  }
});
