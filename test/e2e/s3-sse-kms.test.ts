/**
 * SSE-KMS through the AWS SDK against a real server: keys made with the KMS
 * API, objects encrypted under them, and the failures S3 reports for KMS.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { startServer, type RunningServer, type TestCredentials } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'kms-bucket';

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

describe('S3 SSE-KMS', () => {
  let server: RunningServer;
  let s3: S3Client;
  let kms: KMSClient;
  let keyArn: string;
  let keyId: string;

  const clientsFor = (credentials: TestCredentials) => ({
    s3: new S3Client({ endpoint: server.endpoint, region: server.region, credentials, forcePathStyle: true, maxAttempts: 1 }),
    kms: new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 }),
  });

  before(async () => {
    server = await startServer();
    ({ s3, kms } = clientsFor(server.rootCredentials));
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const created = await kms.send(new CreateKeyCommand({ Description: 'objects' }));
    keyArn = created.KeyMetadata!.Arn!;
    keyId = created.KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/objects', TargetKeyId: keyId }));
  });
  after(async () => {
    s3?.destroy();
    kms?.destroy();
    await server?.stop();
  });

  it('round-trips under a key named every way', async () => {
    for (const [index, name] of [keyId, keyArn, 'alias/objects', `arn:aws:kms:${server.region}:${server.accountId}:alias/objects`].entries()) {
      const data = randomBytes(70_000);
      const key = `kms-${index}`;

      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: data, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: name }));
      const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

      assert.equal(put.ServerSideEncryption, 'aws:kms', name);
      assert.equal(put.SSEKMSKeyId, keyArn, name);
      assert.ok(Buffer.from(await get.Body!.transformToByteArray()).equals(data), name);
      assert.equal(get.ServerSideEncryption, 'aws:kms');
      assert.equal(get.SSEKMSKeyId, keyArn);
      assert.equal(head.SSEKMSKeyId, keyArn);
    }
  });

  it('uses the aws/s3 key without a key id', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'default-key', Body: 'x', ServerSideEncryption: 'aws:kms' }));

    assert.equal(put.ServerSideEncryption, 'aws:kms');
    assert.match(put.SSEKMSKeyId ?? '', new RegExp(`^arn:aws:kms:${server.region}:${server.accountId}:key/`));
    assert.notEqual(put.SSEKMSKeyId, keyArn);
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'default-key' }));
    assert.equal(await get.Body!.transformToString(), 'x');
  });

  it('accepts an encryption context', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'with-context', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId, SSEKMSEncryptionContext: base64Json({ team: 'ops' }) }),
    );
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'with-context' }));

    const context = JSON.parse(Buffer.from(put.SSEKMSEncryptionContext ?? '', 'base64').toString('utf8')) as Record<string, string>;
    assert.equal(context.team, 'ops');
    assert.equal(await get.Body!.transformToString(), 'x');
  });

  it('reports a missing key and stores nothing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'existing', Body: 'original' }));

    for (const missing of ['00000000-0000-0000-0000-000000000000', 'alias/missing']) {
      await assertS3Failure(
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'existing', Body: 'replacement', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: missing })),
        'KMS.NotFoundException',
        400,
      );
      await assertS3Failure(
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'never-stored', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: missing })),
        'KMS.NotFoundException',
        400,
      );
    }

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'existing' }));
    assert.equal(await get.Body!.transformToString(), 'original');
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'never-stored' })), 'NotFound', 404);
  });

  it('rejects a key id without aws:kms', async () => {
    await assertS3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'no-sse', Body: 'x', SSEKMSKeyId: keyId })), 'InvalidArgument', 400);
    await assertS3Failure(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'no-sse', Body: 'x', ServerSideEncryption: 'AES256', SSEKMSKeyId: keyId })),
      'InvalidArgument',
      400,
    );
    await assertS3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'no-sse' })), 'NotFound', 404);
  });

  it('rejects malformed encryption contexts', async () => {
    for (const context of ['{"team":"ops"}', base64Json({ team: { nested: 'x' } }), base64Json(['a'])]) {
      await assertS3Failure(
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-context', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId, SSEKMSEncryptionContext: context })),
        'InvalidArgument',
        400,
      );
    }
  });

  it('rejects unknown encryption methods', async () => {
    await assertS3Failure(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad-method', Body: 'x', ServerSideEncryption: 'AES128' as 'AES256' })),
      'InvalidArgument',
      400,
    );
  });

  it('denies a user the key policy does not name', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'root-only', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    const user = await server.createUser('not-in-policy');
    const clients = clientsFor(user);
    try {
      await assertS3Failure(clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'root-only' })), 'AccessDenied', 403);
      const head = await clients.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'root-only' }));
      assert.equal(head.ServerSideEncryption, 'aws:kms');
      assert.equal(head.SSEKMSKeyId, keyArn);
      await assertS3Failure(
        clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'user-put', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn })),
        'AccessDenied',
        403,
      );
    } finally {
      clients.s3.destroy();
      clients.kms.destroy();
    }
  });

  it('serves a byte range of an SSE-KMS object', async () => {
    const data = randomBytes(150_000);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'ranged', Body: data, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ranged', Range: 'bytes=70000-140000' }));

    assert.equal(get.$metadata.httpStatusCode, 206);
    assert.equal(get.SSEKMSKeyId, keyArn);
    assert.ok(Buffer.from(await get.Body!.transformToByteArray()).equals(data.subarray(70000, 140001)));
  });

  it('rejects GETs not signed with SigV4', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sigv4-only', Body: 'secret', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    const url = `${server.endpoint}/${BUCKET}/sigv4-only`;

    // Signature Version 2: the header form and the query-string form.
    const headerV2 = await fetch(url, { headers: { Authorization: `AWS ${server.rootCredentials.accessKeyId}:c2lnbmF0dXJl`, Date: new Date().toUTCString() } });
    assert.equal(headerV2.status, 400);
    assert.match(await headerV2.text(), /<Code>InvalidRequest<\/Code>[\s\S]*AWS4-HMAC-SHA256/);

    const queryV2 = await fetch(`${url}?AWSAccessKeyId=${server.rootCredentials.accessKeyId}&Expires=2000000000&Signature=c2ln`);
    assert.equal(queryV2.status, 400);
    assert.match(await queryV2.text(), /<Code>InvalidRequest<\/Code>/);

    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 403);
    const anonymousBody = await anonymous.text();
    assert.match(anonymousBody, /<Code>AccessDenied<\/Code>/);
    assert.doesNotMatch(anonymousBody, /secret/);
  });

  it('reports a disabled key on GET', async () => {
    const created = await kms.send(new CreateKeyCommand({ Description: 'to be disabled' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'disabled-key', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: created.KeyMetadata!.KeyId }));
    await kms.send(new DisableKeyCommand({ KeyId: created.KeyMetadata!.KeyId }));

    await assertS3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'disabled-key' })), 'KMS.DisabledException', 400);
  });
});
