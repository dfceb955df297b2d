import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../../s3/s3-errors.js';
import { bucketFromHost, resolveS3Target, selectS3Operation, type S3Target } from './route-s3-request.js';

const SUFFIXES = ['localhost', 's3.example.com'];
const PATH_HOST = '127.0.0.1:9000';

describe('resolveS3Target', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['/', PATH_HOST, undefined, ''],
    ['/example-bucket', PATH_HOST, 'example-bucket', ''],
    ['/example-bucket/', PATH_HOST, 'example-bucket', ''],
    ['/example-bucket/photos/cat.jpg', PATH_HOST, 'example-bucket', 'photos/cat.jpg'],
    ['/example-bucket/a+b.txt', PATH_HOST, 'example-bucket', 'a b.txt'],
    ['/example-bucket/c%2Bd.txt', PATH_HOST, 'example-bucket', 'c+d.txt'],
    ['/example-bucket//foo', PATH_HOST, 'example-bucket', '/foo'],
    ['/example-bucket/dir//x', PATH_HOST, 'example-bucket', 'dir//x'],
    ['/example-bucket/a/../b', PATH_HOST, 'example-bucket', 'a/../b'],
    ['/example-bucket/caf%C3%A9%20%E2%9C%93.txt', PATH_HOST, 'example-bucket', 'café ✓.txt'],
    ['/example-bucket/k?list-type=2', PATH_HOST, 'example-bucket', 'k'],
    ['/', 'example-bucket.localhost:9000', 'example-bucket', ''],
    ['/photos/cat.jpg', 'example-bucket.localhost:9000', 'example-bucket', 'photos/cat.jpg'],
    ['//foo', 'example-bucket.localhost:9000', 'example-bucket', '/foo'],
    ['/key', 'my.dotted.bucket.s3.example.com', 'my.dotted.bucket', 'key'],
    ['/example-bucket/key', 'localhost:9000', 'example-bucket', 'key'],
    ['/example-bucket/key', '[::1]:9000', 'example-bucket', 'key'],
  ];

  for (const [url, host, bucket, key] of cases) {
    it(`maps ${host} ${url}`, () => {
      const target = resolveS3Target(url, host, SUFFIXES);

      assert.equal(target.bucket, bucket);
      assert.equal(target.key, key);
    });
  }

  it('parses the query', () => {
    const target = resolveS3Target('/example-bucket?list-type=2&prefix=a+b&delimiter=%2F', PATH_HOST, SUFFIXES);

    assert.equal(target.query.get('list-type'), '2');
    assert.equal(target.query.get('prefix'), 'a b');
    assert.equal(target.query.get('delimiter'), '/');
  });
});

describe('bucketFromHost', () => {
  it('ignores hosts without a configured suffix', () => {
    assert.equal(bucketFromHost('127.0.0.1:9000', SUFFIXES), undefined);
    assert.equal(bucketFromHost('localhost', SUFFIXES), undefined);
    assert.equal(bucketFromHost('example-bucket.other.com', SUFFIXES), undefined);
    assert.equal(bucketFromHost('notlocalhost', SUFFIXES), undefined);
  });

  it('lowercases the host', () => {
    assert.equal(bucketFromHost('Example-Bucket.LOCALHOST:9000', SUFFIXES), 'example-bucket');
  });
});

describe('selectS3Operation', () => {
  const target = (bucket: string | undefined, key: string, query = ''): S3Target => ({ bucket, key, query: new URLSearchParams(query) });
  const operations: Array<[string, S3Target, string]> = [
    ['GET', target(undefined, ''), 'ListBuckets'],
    ['PUT', target('b', ''), 'CreateBucket'],
    ['HEAD', target('b', ''), 'HeadBucket'],
    ['DELETE', target('b', ''), 'DeleteBucket'],
    ['GET', target('b', '', 'location'), 'GetBucketLocation'],
    ['GET', target('b', '', 'list-type=2&prefix=a'), 'ListObjectsV2'],
    ['GET', target('b', ''), 'ListObjects'],
    ['GET', target('b', '', 'marker=k&prefix=a'), 'ListObjects'],
    ['PUT', target('b', 'k'), 'PutObject'],
    ['GET', target('b', 'k', 'response-content-type=text%2Fplain'), 'GetObject'],
    ['HEAD', target('b', 'k'), 'HeadObject'],
    ['DELETE', target('b', 'k'), 'DeleteObject'],
    ['GET', target('b', 'k', 'X-Amz-Signature=abc&X-Amz-Expires=60'), 'GetObject'],
    ['GET', target('b', '', 'uploads'), 'ListMultipartUploads'],
    ['GET', target('b', '', 'uploads&prefix=a&key-marker=k'), 'ListMultipartUploads'],
    ['POST', target('b', 'k', 'uploads'), 'CreateMultipartUpload'],
    ['PUT', target('b', 'k', 'partNumber=1&uploadId=x'), 'UploadPart'],
    ['POST', target('b', 'k', 'uploadId=x'), 'CompleteMultipartUpload'],
    ['DELETE', target('b', 'k', 'uploadId=x'), 'AbortMultipartUpload'],
    ['GET', target('b', 'k', 'uploadId=x&max-parts=2'), 'ListParts'],
    ['POST', target('b', '', 'delete'), 'DeleteObjects'],
  ];
  it('selects CopyObject for PUT with x-amz-copy-source', () => {
    assert.equal(selectS3Operation('PUT', target('b', 'k'), true), 'CopyObject');
  });

  it('selects UploadPartCopy for a part PUT with x-amz-copy-source', () => {
    assert.equal(selectS3Operation('PUT', target('b', 'k', 'partNumber=1&uploadId=x'), true), 'UploadPartCopy');
  });

  it('selects GetObjectTagging for GET object ?tagging', () => {
    assert.equal(selectS3Operation('GET', target('b', 'k', 'tagging'), false), 'GetObjectTagging');
  });

  for (const [method, request, expected] of operations) {
    it(`selects ${expected} for ${method} ${request.query.toString()}`, () => {
      assert.equal(selectS3Operation(method, request, false), expected);
    });
  }

  const unsupported: Array<[string, S3Target, boolean]> = [
    ['GET', target('b', '', 'acl'), false],
    ['GET', target('b', '', 'versioning'), false],
    ['PUT', target('b', '', 'policy'), false],
    ['PUT', target('b', 'k', 'tagging'), false],
    ['DELETE', target('b', 'k', 'tagging'), false],
    ['GET', target('b', '', 'tagging'), false],
    ['GET', target('b', 'k', 'tagging&acl'), false],
    ['PUT', target('b', 'k', 'uploadId=x'), true],
    ['GET', target('b', 'k', 'partNumber=1'), false],
    ['PUT', target('b', 'k', 'uploadId=x'), false],
    ['GET', target('b', 'k'), true],
    ['PUT', target('b', 'k', 'tagging'), true],
    ['GET', target('b', 'k', 'versionId=abc'), false],
    ['PUT', target(undefined, ''), false],
  ];
  for (const [method, request, copy] of unsupported) {
    it(`answers ${method} ${request.key === '' ? 'bucket' : 'object'} ?${request.query.toString()}${copy ? ' copy' : ''} with NotImplemented`, () => {
      assert.throws(
        () => selectS3Operation(method, request, copy),
        (error: unknown) => error instanceof S3Error && error.code === 'NotImplemented',
      );
    });
  }

  it('names the unimplemented request', () => {
    assert.throws(
      () => selectS3Operation('GET', target('b', '', 'acl'), false),
      (error: unknown) => error instanceof S3Error && error.message === 'This server does not implement GET ?acl requests',
    );
  });

  it('rejects unknown methods', () => {
    assert.throws(
      () => selectS3Operation('PATCH', target('b', 'k'), false),
      (error: unknown) => error instanceof S3Error && error.code === 'MethodNotAllowed',
    );
  });
});
