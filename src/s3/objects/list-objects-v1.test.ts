import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT, createS3Fixture, principalOf, putRequest, type S3Fixture } from '../s3-test-fixture.js';
import type { ListObjectsRequest, ListObjectsResult } from './list-objects-v1.js';

const owner = principalOf(ACCOUNT);
const KEYS = ['a', 'b/1', 'b/2', 'c', 'd/x/1', 'd/y', 'e'];

describe('ListObjects version 1', () => {
  let fixture: S3Fixture;
  before(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: 'example-bucket' });
    for (const key of KEYS) {
      await fixture.service.putObject(owner, putRequest('example-bucket', key, key));
    }
  });
  after(() => fixture.cleanup());

  const list = (request: Partial<ListObjectsRequest> = {}): ListObjectsResult => fixture.service.listObjects(owner, { bucket: 'example-bucket', ...request });
  const keysOf = (result: ListObjectsResult) => result.contents.map((object) => object.key);

  it('lists every key with owners', () => {
    const result = list();

    assert.deepEqual(keysOf(result), KEYS);
    assert.equal(result.isTruncated, false);
    assert.equal(result.marker, '');
    assert.equal(result.contents[0]!.owner?.displayName, ACCOUNT);
  });

  it('pages by last key without a delimiter', () => {
    const first = list({ maxKeys: 3 });
    const second = list({ maxKeys: 3, marker: first.contents.at(-1)!.key });

    assert.deepEqual(keysOf(first), ['a', 'b/1', 'b/2']);
    assert.equal(first.isTruncated, true);
    assert.equal(first.nextMarker, undefined);
    assert.deepEqual(keysOf(second), ['c', 'd/x/1', 'd/y']);
  });

  it('pages by NextMarker with a delimiter', () => {
    const pages: ListObjectsResult[] = [];
    let marker: string | undefined;
    do {
      const page = list({ delimiter: '/', maxKeys: 2, ...(marker !== undefined ? { marker } : {}) });
      pages.push(page);
      marker = page.nextMarker;
      assert.equal(page.isTruncated, marker !== undefined);
    } while (marker !== undefined);

    assert.deepEqual(pages.flatMap(keysOf), ['a', 'c', 'e']);
    assert.deepEqual(pages.flatMap((page) => page.commonPrefixes), ['b/', 'd/']);
    assert.equal(pages[0]!.nextMarker, 'b/');
  });

  it('skips common prefixes up to the marker', () => {
    const result = list({ delimiter: '/', marker: 'b/' });

    assert.deepEqual(keysOf(result), ['c', 'e']);
    assert.deepEqual(result.commonPrefixes, ['d/']);
  });
});
