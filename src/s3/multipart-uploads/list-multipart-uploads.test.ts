import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageUploads } from './list-multipart-uploads.js';
import type { UploadRecord } from './upload-records.js';

function upload(key: string, uploadId: string): UploadRecord {
  return {
    uploadId,
    bucket: 'b',
    key,
    initiatedAt: new Date(0),
    initiatorArn: 'arn:aws:iam::111122223333:root',
    initiatorPrincipalId: '111122223333',
    accountId: '111122223333',
    metadata: { headers: {}, userMetadata: {} },
    sealedKey: { algorithm: 'AES256', sealed: Buffer.alloc(0) },
  };
}

const sorted = [upload('a', 'u1'), upload('a', 'u2'), upload('dir/x', 'u3'), upload('dir/y', 'u4'), upload('z', 'u5')];
const ids = (page: ReturnType<typeof pageUploads>) => page.uploads.map((entry) => entry.uploadId);

describe('pageUploads', () => {
  it('lists everything when it fits', () => {
    const page = pageUploads(sorted, { maxUploads: 1000 });
    assert.deepEqual(ids(page), ['u1', 'u2', 'u3', 'u4', 'u5']);
    assert.equal(page.isTruncated, false);
  });

  it('truncates and resumes at the markers', () => {
    const first = pageUploads(sorted, { maxUploads: 1 });
    assert.deepEqual(ids(first), ['u1']);
    assert.equal(first.isTruncated, true);
    assert.equal(first.nextKeyMarker, 'a');
    assert.equal(first.nextUploadIdMarker, 'u1');

    const second = pageUploads(sorted, { maxUploads: 2, keyMarker: first.nextKeyMarker!, uploadIdMarker: first.nextUploadIdMarker! });
    assert.deepEqual(ids(second), ['u2', 'u3']);
  });

  it('skips every upload of the key marker without an upload-id marker', () => {
    assert.deepEqual(ids(pageUploads(sorted, { maxUploads: 1000, keyMarker: 'a' })), ['u3', 'u4', 'u5']);
  });

  it('groups keys under a delimiter into common prefixes', () => {
    const page = pageUploads(sorted, { maxUploads: 1000, delimiter: '/' });
    assert.deepEqual(ids(page), ['u1', 'u2', 'u5']);
    assert.deepEqual(page.commonPrefixes, ['dir/']);
  });

  it('counts a common prefix as one entry and resumes after it', () => {
    const first = pageUploads(sorted, { maxUploads: 3, delimiter: '/' });
    assert.deepEqual(first.commonPrefixes, ['dir/']);
    assert.equal(first.nextKeyMarker, 'dir/');
    assert.equal(first.nextUploadIdMarker, undefined);

    const second = pageUploads(sorted, { maxUploads: 3, delimiter: '/', keyMarker: 'dir/' });
    assert.deepEqual(ids(second), ['u5']);
    assert.deepEqual(second.commonPrefixes, []);
  });
});
