import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../../s3/s3-errors.js';
import { encodeListingValue, parseListObjectsV2Query } from './list-objects.js';

describe('parseListObjectsV2Query', () => {
  it('reads every parameter', () => {
    const query = new URLSearchParams('list-type=2&prefix=a%2F&delimiter=%2F&max-keys=10&continuation-token=t&start-after=s&fetch-owner=true');

    assert.deepEqual(parseListObjectsV2Query('b', query), {
      bucket: 'b',
      prefix: 'a/',
      delimiter: '/',
      maxKeys: 10,
      continuationToken: 't',
      startAfter: 's',
      fetchOwner: true,
    });
  });

  for (const value of ['-1', 'abc', '1.5', '2147483648', '']) {
    it(`rejects max-keys ${JSON.stringify(value)}`, () => {
      assert.throws(
        () => parseListObjectsV2Query('b', new URLSearchParams({ 'max-keys': value })),
        (error: unknown) => error instanceof S3Error && error.code === 'InvalidArgument' && error.details.ArgumentName === 'max-keys',
      );
    });
  }

  it('rejects encoding types other than url', () => {
    assert.throws(
      () => parseListObjectsV2Query('b', new URLSearchParams({ 'encoding-type': 'base64' })),
      (error: unknown) => error instanceof S3Error && error.code === 'InvalidArgument',
    );
  });
});

describe('encodeListingValue', () => {
  const cases: Array<[string, string]> = [
    ['photos/2024/a.jpg', 'photos/2024/a.jpg'],
    ['a b', 'a+b'],
    ['c+d', 'c%2Bd'],
    ['café', 'caf%C3%A9'],
    ['x&y=z', 'x%26y%3Dz'],
    ['tab\there', 'tab%09here'],
    ['~_-.', '~_-.'],
  ];
  for (const [value, encoded] of cases) {
    it(`encodes ${JSON.stringify(value)}`, () => {
      assert.equal(encodeListingValue(value), encoded);
    });
  }
});
