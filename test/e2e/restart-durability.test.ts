/**
 * Acknowledged writes survive the server being killed with SIGKILL, and the
 * root key, credentials and account survive restarts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { startServer, type RunningServer } from '../support/server-harness.js';

function clients(server: RunningServer): { s3: S3Client; kms: KMSClient } {
  const common = { endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials };
  return { s3: new S3Client({ ...common, forcePathStyle: true }), kms: new KMSClient(common) };
}

test('acknowledged writes survive SIGKILL', async () => {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'strongroom-restart-'));
  try {
    const first = await startServer({ dataDirectory });
    const before = clients(first);

    const key = await before.kms.send(new CreateKeyCommand({ Description: 'survives restarts' }));
    const keyId = key.KeyMetadata!.KeyId!;
    const ciphertext = await before.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('kept') }));

    const body = randomBytes(300_000);
    await before.s3.send(new CreateBucketCommand({ Bucket: 'durable' }));
    await before.s3.send(new PutObjectCommand({ Bucket: 'durable', Key: 'kms.bin', Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    await before.s3.send(new PutObjectCommand({ Bucket: 'durable', Key: 'default.bin', Body: body }));
    before.s3.destroy();
    before.kms.destroy();

    // A crash: no shutdown handlers run.
    await first.stop({ keepData: true, signal: 'SIGKILL' });

    const second = await startServer({ dataDirectory, rootCredentials: first.rootCredentials });
    const after = clients(second);
    try {
      const kmsObject = await after.s3.send(new GetObjectCommand({ Bucket: 'durable', Key: 'kms.bin' }));
      assert.equal(kmsObject.ServerSideEncryption, 'aws:kms');
      assert.ok(Buffer.from(await kmsObject.Body!.transformToByteArray()).equals(body), 'SSE-KMS object changed across the restart');

      const defaultObject = await after.s3.send(new GetObjectCommand({ Bucket: 'durable', Key: 'default.bin' }));
      assert.equal(defaultObject.ServerSideEncryption, 'AES256');
      assert.ok(Buffer.from(await defaultObject.Body!.transformToByteArray()).equals(body), 'SSE-S3 object changed across the restart');

      const decrypted = await after.kms.send(new DecryptCommand({ CiphertextBlob: ciphertext.CiphertextBlob }));
      assert.equal(Buffer.from(decrypted.Plaintext!).toString('utf8'), 'kept');
    } finally {
      after.s3.destroy();
      after.kms.destroy();
      await second.stop({ keepData: true });
    }
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
});
