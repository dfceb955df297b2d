import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { BlobRange } from '../../storage/blobs/blob-store.js';
import { MIN_PART_BYTES } from '../multipart-uploads/multipart-limits.js';
import { S3Error } from '../s3-errors.js';
import { ACCOUNT, createS3Fixture, principalOf, putRequest, readAll, type S3Fixture } from '../s3-test-fixture.js';

const owner = principalOf(ACCOUNT);
const BUCKET = 'read-bucket';
const KMS = { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/app' };

describe('getObject and headObject', () => {
  let fixture: S3Fixture;
  let openedKeys: Buffer[];

  beforeEach(async () => {
    fixture = await createS3Fixture();
    fixture.service.createBucket(owner, { bucket: BUCKET });

    // Keep every data key KMS hands out, to check that reads wipe them.
    openedKeys = [];
    const decrypt = fixture.dataKeys.decryptDataKey.bind(fixture.dataKeys);
    fixture.dataKeys.decryptDataKey = async (request) => {
      const result = await decrypt(request);
      openedKeys.push(result.plaintext);
      return result;
    };
  });
  afterEach(() => fixture.cleanup());

  const isWiped = (key: Buffer) => key.every((byte) => byte === 0);

  it('wipes the key of an unread single-part body', async () => {
    await fixture.service.putObject(owner, putRequest(BUCKET, 'single', randomBytes(100_000), { encryption: KMS }));

    for (const range of [undefined, { start: 10, end: 70_000 }]) {
      const { body } = await fixture.service.getObject(owner, BUCKET, 'single', range);
      const key = openedKeys.at(-1)!;
      assert.ok(!isWiped(key), 'the key is open while the body is');

      body.destroy();
      await once(body, 'close');
      assert.ok(isWiped(key), `the key is wiped after destroy (range ${JSON.stringify(range)})`);
    }
  });

  it('wipes the key of a fully read body', async () => {
    const data = randomBytes(5_000);
    await fixture.service.putObject(owner, putRequest(BUCKET, 'read', data, { encryption: KMS }));

    const { body } = await fixture.service.getObject(owner, BUCKET, 'read');
    assert.ok((await readAll(body)).equals(data));
    await new Promise((resolve) => setImmediate(resolve));

    assert.ok(isWiped(openedKeys.at(-1)!));
  });

  it('wipes the key of an unread multipart body', async () => {
    const { uploadId } = await fixture.service.createMultipartUpload(owner, { bucket: BUCKET, key: 'multi', headers: {}, userMetadata: {}, encryption: KMS });
    const parts = [randomBytes(MIN_PART_BYTES), randomBytes(1000)];
    const etags: string[] = [];
    for (const [index, data] of parts.entries()) {
      const uploaded = await fixture.service.uploadPart(owner, { bucket: BUCKET, key: 'multi', uploadId, partNumber: index + 1, body: Readable.from([data]), contentLength: data.length });
      etags.push(uploaded.etag);
    }
    await fixture.service.completeMultipartUpload(owner, {
      bucket: BUCKET,
      key: 'multi',
      uploadId,
      parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })),
    });

    const { body } = await fixture.service.getObject(owner, BUCKET, 'multi');
    body.destroy();
    await once(body, 'close');

    assert.ok(isWiped(openedKeys.at(-1)!));
  });

  it('serves the new object when a range read races an overwrite', async () => {
    const original = randomBytes(200_000);
    const replacement = randomBytes(200_000);
    await fixture.service.putObject(owner, putRequest(BUCKET, 'raced', original));

    // Overwrite the object between the header read and the segment read of the first attempt.
    const get = fixture.blobs.get.bind(fixture.blobs);
    let rangedReads = 0;
    fixture.blobs.get = async (blobId: string, range?: BlobRange) => {
      rangedReads += range === undefined ? 0 : 1;
      if (rangedReads === 2) {
        await fixture.service.putObject(owner, putRequest(BUCKET, 'raced', replacement));
      }
      return get(blobId, range);
    };

    const { body } = await fixture.service.getObject(owner, BUCKET, 'raced', { start: 100_000, end: 150_000 });

    assert.ok((await readAll(body)).equals(replacement.subarray(100_000, 150_001)));
  });

  it('reports a range read racing a delete as NoSuchKey', async () => {
    await fixture.service.putObject(owner, putRequest(BUCKET, 'deleted', randomBytes(100_000)));
    const get = fixture.blobs.get.bind(fixture.blobs);
    let rangedReads = 0;
    fixture.blobs.get = async (blobId: string, range?: BlobRange) => {
      rangedReads += range === undefined ? 0 : 1;
      if (rangedReads === 2) {
        await fixture.service.deleteObject(owner, BUCKET, 'deleted');
      }
      return get(blobId, range);
    };

    await assert.rejects(fixture.service.getObject(owner, BUCKET, 'deleted', { start: 0, end: 10 }), (error: unknown) => error instanceof S3Error && error.code === 'NoSuchKey');
  });

  it('requires kms:Decrypt for HEAD in checksum mode', async () => {
    await fixture.service.putObject(owner, putRequest(BUCKET, 'checked', 'data', { encryption: KMS, checksumAlgorithm: 'crc32' }));
    fixture.dataKeys.denied.add(ACCOUNT);

    const plain = await fixture.service.headObject(owner, BUCKET, 'checked');
    assert.equal(plain.metadata.checksum?.algorithm, 'crc32');
    assert.equal(openedKeys.length, 0, 'a plain HEAD does not call KMS');

    await assert.rejects(
      fixture.service.headObject(owner, BUCKET, 'checked', { checksumMode: true }),
      (error: unknown) => error instanceof S3Error && error.code === 'AccessDenied',
    );

    fixture.dataKeys.denied.delete(ACCOUNT);
    await fixture.service.headObject(owner, BUCKET, 'checked', { checksumMode: true });
    assert.equal(openedKeys.length, 1);
    assert.ok(isWiped(openedKeys[0]!));
  });
});
