import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { ACCOUNT, createS3Fixture, OTHER_ACCOUNT, principalOf, putRequest, type S3Fixture } from '../s3-test-fixture.js';
import type { ListObjectsV2Request, ListObjectsV2Result } from './list-objects-v2.js';

const owner = principalOf(ACCOUNT);

// Byte order puts 'B' (0x42) before 'a' (0x61) and 'é' (0xc3 0xa9) after 'z'.
const KEYS = ['B', 'a', 'a/1', 'a/2', 'a/b/1', 'a/b/2', 'b', 'c/x', 'c/y', 'd', 'z', 'é'];

describe('ListObjectsV2', () => {
  let fixture: S3Fixture;
  before(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });
    fixture.service.createBucket(principalOf(OTHER_ACCOUNT), { bucket: 'other-bucket' });
    fixture.service.createBucket(owner, { bucket: 'second-bucket' });
    for (const key of [...KEYS].reverse()) {
      await fixture.service.putObject(owner, putRequest('example-bucket', key, key));
    }
    await fixture.service.putObject(owner, putRequest('second-bucket', 'a', 'a'));
  });
  after(() => fixture.cleanup());

  const list = (request: Partial<ListObjectsV2Request> = {}): ListObjectsV2Result =>
    fixture.service.listObjectsV2(owner, { bucket: 'example-bucket', ...request });
  const keysOf = (result: ListObjectsV2Result) => result.contents.map((object) => object.key);

  it('lists every key in UTF-8 byte order', () => {
    const result = list();

    assert.deepEqual(keysOf(result), KEYS);
    assert.equal(result.keyCount, KEYS.length);
    assert.equal(result.isTruncated, false);
    assert.equal(result.nextContinuationToken, undefined);
    assert.equal(result.maxKeys, 1000);
  });

  it('reports size and ETag', () => {
    const object = list({ prefix: 'd' }).contents[0]!;

    assert.equal(object.size, 1);
    assert.equal(object.etag, '"8277e0910d750195b448797616e091ad"');
  });

  it('filters by prefix', () => {
    assert.deepEqual(keysOf(list({ prefix: 'a/' })), ['a/1', 'a/2', 'a/b/1', 'a/b/2']);
    assert.deepEqual(keysOf(list({ prefix: 'nothing' })), []);
  });

  it('groups by delimiter', () => {
    const result = list({ delimiter: '/' });

    assert.deepEqual(keysOf(result), ['B', 'a', 'b', 'd', 'z', 'é']);
    assert.deepEqual(result.commonPrefixes, ['a/', 'c/']);
    assert.equal(result.keyCount, 8);
  });

  it('groups by delimiter under a prefix', () => {
    const result = list({ prefix: 'a/', delimiter: '/' });

    assert.deepEqual(keysOf(result), ['a/1', 'a/2']);
    assert.deepEqual(result.commonPrefixes, ['a/b/']);
  });

  it('supports multi-character delimiters', () => {
    const result = list({ delimiter: '/b/' });

    assert.deepEqual(result.commonPrefixes, ['a/b/']);
    assert.equal(keysOf(result).includes('a/b/1'), false);
  });

  it('pages with continuation tokens', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const result = list({ maxKeys: 5, ...(token ? { continuationToken: token } : {}) });
      seen.push(...keysOf(result));
      assert.ok(result.keyCount <= 5);
      assert.equal(result.isTruncated, result.nextContinuationToken !== undefined);
      token = result.nextContinuationToken;
      pages += 1;
    } while (token !== undefined);

    assert.deepEqual(seen, KEYS);
    assert.equal(pages, 3);
  });

  it('pages through common prefixes without repeating them', () => {
    const first = list({ delimiter: '/', maxKeys: 2 });
    const second = list({ delimiter: '/', maxKeys: 2, continuationToken: first.nextContinuationToken! });
    const third = list({ delimiter: '/', maxKeys: 2, continuationToken: second.nextContinuationToken! });

    assert.deepEqual([keysOf(first), first.commonPrefixes], [['B', 'a'], []]);
    assert.deepEqual([keysOf(second), second.commonPrefixes], [['b'], ['a/']]);
    assert.deepEqual([keysOf(third), third.commonPrefixes], [['d'], ['c/']]);
    assert.equal(third.isTruncated, true);
  });

  it('is not truncated when the page ends at the last key', () => {
    const result = list({ maxKeys: KEYS.length });

    assert.equal(result.isTruncated, false);
  });

  it('starts after a given key', () => {
    assert.deepEqual(keysOf(list({ startAfter: 'c/x' })), ['c/y', 'd', 'z', 'é']);
    assert.deepEqual(keysOf(list({ startAfter: 'a', prefix: 'a' })), ['a/1', 'a/2', 'a/b/1', 'a/b/2']);
    assert.deepEqual(keysOf(list({ startAfter: '0', prefix: 'c/' })), ['c/x', 'c/y']);
  });

  it('ignores start-after when a token is given', () => {
    const first = list({ maxKeys: 2 });

    const second = list({ maxKeys: 2, continuationToken: first.nextContinuationToken!, startAfter: 'z' });

    assert.deepEqual(keysOf(second), ['a/1', 'a/2']);
    assert.equal(second.startAfter, 'z');
  });

  it('returns nothing for max-keys 0', () => {
    const result = list({ maxKeys: 0 });

    assert.equal(result.keyCount, 0);
    assert.equal(result.isTruncated, false);
  });

  it('caps max-keys at 1000', () => {
    assert.equal(list({ maxKeys: 5000 }).maxKeys, 1000);
  });

  it('includes the owner when asked', () => {
    const [object] = list({ fetchOwner: true, maxKeys: 1 }).contents;

    assert.match(object!.owner!.id, /^[0-9a-f]{64}$/);
    assert.equal(object!.owner!.displayName, ACCOUNT);
    assert.equal(list({ maxKeys: 1 }).contents[0]!.owner, undefined);
  });

  it('rejects garbage and foreign continuation tokens', () => {
    const foreign = fixture.service.listObjectsV2(owner, { bucket: 'second-bucket', maxKeys: 0 });
    const fromOtherBucket = list({ maxKeys: 1 }).nextContinuationToken!;

    for (const token of ['garbage', 'not base64!', '', fromOtherBucket.slice(0, -2)]) {
      assert.throws(
        () => list({ continuationToken: token }),
        (error: unknown) => error instanceof S3Error && error.code === 'InvalidArgument' && error.details.ArgumentName === 'continuation-token',
        `token '${token}'`,
      );
    }
    assert.throws(
      () => fixture.service.listObjectsV2(owner, { bucket: 'second-bucket', continuationToken: fromOtherBucket }),
      (error: unknown) => error instanceof S3Error && error.code === 'InvalidArgument',
    );
    assert.equal(foreign.keyCount, 0);
  });

  it('denies another account', () => {
    assert.throws(
      () => fixture.service.listObjectsV2(owner, { bucket: 'other-bucket' }),
      (error: unknown) => error instanceof S3Error && error.code === 'AccessDenied',
    );
  });
});
