/**
 * Multipart uploads through the AWS SDK against a real server: parts in and
 * the whole object out, SSE-KMS under a key made with the KMS API, listings,
 * abort, and the errors S3 reports for a bad part list.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCliMissingReason, runAwsCli } from '../support/aws-cli.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'multipart-bucket';
const MIB = 1024 * 1024;

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** Computes the ETag S3 gives a multipart object, independently of the server. */
function expectedMultipartEtag(parts: readonly Buffer[]): string {
  const digests = Buffer.concat(parts.map((part) => createHash('md5').update(part).digest()));
  return `"${md5Hex(digests)}-${parts.length}"`;
}

describe('S3 multipart uploads', () => {
  let server: RunningServer;
  let s3: S3Client;
  let kms: KMSClient;

  before(async () => {
    server = await startServer();
    const credentials = server.rootCredentials;
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials, forcePathStyle: true, maxAttempts: 1 });
    kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3?.destroy();
    kms?.destroy();
    await server?.stop();
  });

  /** Uploads `parts` as one multipart upload and returns the upload id and Complete's output. */
  async function uploadInParts(key: string, parts: readonly Buffer[], create: Partial<ConstructorParameters<typeof CreateMultipartUploadCommand>[0]> = {}) {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ...create }));
    const uploadId = created.UploadId!;
    const uploaded = [];
    for (const [index, body] of parts.entries()) {
      const output = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: index + 1, Body: body }));
      uploaded.push(output);
    }
    const completed = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: uploaded.map((output, index) => ({ PartNumber: index + 1, ETag: output.ETag! })) },
      }),
    );
    return { created, uploadId, uploaded, completed };
  }

  it('round-trips three parts byte for byte', async () => {
    const parts = [randomBytes(5 * MIB), randomBytes(5 * MIB), randomBytes(1234)];
    const { created, uploaded, completed } = await uploadInParts('big/object.bin', parts, { ContentType: 'application/x-test', Metadata: { origin: 'parts' } });

    assert.equal(created.ServerSideEncryption, 'AES256');
    assert.deepEqual(uploaded.map((output) => output.ETag), parts.map((part) => `"${md5Hex(part)}"`));
    assert.equal(uploaded[0]!.ServerSideEncryption, 'AES256');
    assert.equal(completed.ETag, expectedMultipartEtag(parts));
    assert.equal(completed.ServerSideEncryption, 'AES256');

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big/object.bin' }));
    const body = Buffer.from(await get.Body!.transformToByteArray());
    assert.equal(get.ContentLength, 10 * MIB + 1234);
    assert.ok(body.equals(Buffer.concat(parts)), 'GET returns the parts in order');
    assert.equal(get.ETag, expectedMultipartEtag(parts));
    assert.equal(get.ContentType, 'application/x-test');
    assert.equal(get.Metadata?.origin, 'parts');

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big/object.bin' }));
    assert.equal(head.ContentLength, 10 * MIB + 1234);
    assert.match(head.ETag!, /^"[0-9a-f]{32}-3"$/);
  });

  it('serves a range that spans two parts', async () => {
    const parts = [randomBytes(5 * MIB), randomBytes(70_000)];
    await uploadInParts('ranged.bin', parts);
    const whole = Buffer.concat(parts);
    const start = 5 * MIB - 100;
    const end = 5 * MIB + 65_600;

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ranged.bin', Range: `bytes=${start}-${end}` }));
    const body = Buffer.from(await get.Body!.transformToByteArray());

    assert.equal(get.ContentRange, `bytes ${start}-${end}/${whole.length}`);
    assert.ok(body.equals(whole.subarray(start, end + 1)));
  });

  it('encrypts under an SSE-KMS key and returns its ARN', async () => {
    const key = await kms.send(new CreateKeyCommand({ Description: 'multipart' }));
    const keyArn = key.KeyMetadata!.Arn!;
    const parts = [randomBytes(5 * MIB), randomBytes(300)];

    const { created, uploaded, completed } = await uploadInParts('kms.bin', parts, { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.KeyId! });
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kms.bin' }));

    assert.equal(created.ServerSideEncryption, 'aws:kms');
    assert.equal(created.SSEKMSKeyId, keyArn);
    assert.equal(uploaded[1]!.ServerSideEncryption, 'aws:kms');
    assert.equal(uploaded[1]!.SSEKMSKeyId, keyArn);
    assert.equal(completed.ServerSideEncryption, 'aws:kms');
    assert.equal(completed.SSEKMSKeyId, keyArn);
    assert.equal(get.SSEKMSKeyId, keyArn);
    assert.ok(Buffer.from(await get.Body!.transformToByteArray()).equals(Buffer.concat(parts)));
  });

  it('lists parts and uploads, and forgets an aborted upload', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending/a' }));
    const uploadId = created.UploadId!;
    const first = randomBytes(1000);
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId, PartNumber: 2, Body: first }));
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId, PartNumber: 1, Body: randomBytes(10) }));
    const replacement = randomBytes(2000);
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId, PartNumber: 2, Body: replacement }));

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId }));
    assert.deepEqual(listed.Parts?.map((part) => part.PartNumber), [1, 2]);
    assert.equal(listed.Parts?.[1]?.Size, 2000, 'the second upload of part 2 replaced the first');
    assert.equal(listed.Parts?.[1]?.ETag, `"${md5Hex(replacement)}"`);
    assert.equal(listed.IsTruncated, false);

    const page = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId, MaxParts: 1 }));
    assert.equal(page.IsTruncated, true);
    assert.equal(page.NextPartNumberMarker, '1');

    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'pending/' }));
    assert.deepEqual(uploads.Uploads?.map((upload) => [upload.Key, upload.UploadId]), [['pending/a', uploadId]]);

    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId }));
    await assertS3Failure(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId })), 'NoSuchUpload', 404);
    await assertS3Failure(
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'pending/a', UploadId: uploadId, PartNumber: 1, Body: 'late' })),
      'NoSuchUpload',
      404,
    );
    const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'pending/' }));
    assert.equal(after.Uploads?.length ?? 0, 0);
  });

  it('rejects a small part that is not last with EntityTooSmall', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'small' }));
    const uploadId = created.UploadId!;
    const one = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'small', UploadId: uploadId, PartNumber: 1, Body: randomBytes(100) }));
    const two = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'small', UploadId: uploadId, PartNumber: 2, Body: randomBytes(100) }));

    const complete = new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: 'small',
      UploadId: uploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag! }, { PartNumber: 2, ETag: two.ETag! }] },
    });
    await assertS3Failure(s3.send(complete), 'EntityTooSmall', 400);
  });

  it('rejects a wrong ETag with InvalidPart and a wrong order with InvalidPartOrder', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'bad-list' }));
    const uploadId = created.UploadId!;
    const one = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'bad-list', UploadId: uploadId, PartNumber: 1, Body: randomBytes(5 * MIB) }));
    const two = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'bad-list', UploadId: uploadId, PartNumber: 2, Body: randomBytes(10) }));
    const complete = (parts: Array<{ PartNumber: number; ETag: string }>) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'bad-list', UploadId: uploadId, MultipartUpload: { Parts: parts } }));

    await assertS3Failure(complete([{ PartNumber: 1, ETag: one.ETag! }, { PartNumber: 2, ETag: `"${'0'.repeat(32)}"` }]), 'InvalidPart', 400);
    await assertS3Failure(complete([{ PartNumber: 1, ETag: one.ETag! }, { PartNumber: 3, ETag: two.ETag! }]), 'InvalidPart', 400);
    await assertS3Failure(complete([{ PartNumber: 2, ETag: two.ETag! }, { PartNumber: 1, ETag: one.ETag! }]), 'InvalidPartOrder', 400);

    // The upload survives failed completions and completes with the right list.
    const completed = await complete([{ PartNumber: 1, ETag: one.ETag! }, { PartNumber: 2, ETag: two.ETag! }]);
    assert.match(completed.ETag!, /-2"$/);
  });

  it('rejects part numbers outside 1 to 10000', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'numbers' }));
    for (const partNumber of [0, 10001]) {
      await assertS3Failure(
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'numbers', UploadId: created.UploadId!, PartNumber: partNumber, Body: 'x' })),
        'InvalidArgument',
        400,
      );
    }
  });

  it('replaces a single-PUT object and lists both kinds', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'mixed/replaced', Body: 'old contents' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'mixed/single', Body: 'single' }));
    const parts = [randomBytes(5 * MIB), randomBytes(5)];
    await uploadInParts('mixed/replaced', parts);

    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'mixed/replaced' }));
    assert.ok(Buffer.from(await get.Body!.transformToByteArray()).equals(Buffer.concat(parts)));

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'mixed/' }));
    assert.deepEqual(
      listed.Contents?.map((object) => [object.Key, object.Size, object.ETag]),
      [
        ['mixed/replaced', 5 * MIB + 5, expectedMultipartEtag(parts)],
        ['mixed/single', 6, `"${md5Hex(Buffer.from('single'))}"`],
      ],
    );

    // A single PUT over the multipart object replaces it in turn.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'mixed/replaced', Body: 'new contents' }));
    const again = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'mixed/replaced' }));
    assert.equal(await again.Body!.transformToString(), 'new contents');
  });
});

describe('aws s3 cp of a 20 MB file', { skip: awsCliMissingReason() }, () => {
  let server: RunningServer;
  let kms: KMSClient;
  let workDirectory: string;

  before(async () => {
    server = await startServer();
    kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, maxAttempts: 1 });
    workDirectory = await mkdtemp(join(tmpdir(), 'strongroom-multipart-cli-'));
  });
  after(async () => {
    kms?.destroy();
    await server?.stop();
    if (workDirectory !== undefined) {
      await rm(workDirectory, { recursive: true, force: true });
    }
  });

  it('copies up and down, plain and with SSE-KMS', async () => {
    const aws = (args: string[]) => runAwsCli(server.endpoint, server.region, server.rootCredentials, args, workDirectory);
    const key = await kms.send(new CreateKeyCommand({ Description: 'cli multipart' }));
    const data = randomBytes(20 * 1000 * 1000);
    await writeFile(join(workDirectory, 'upload.bin'), data);
    const made = await aws(['s3', 'mb', 's3://cli-bucket']);
    assert.equal(made.exitCode, 0, made.stderr);

    const variants: Array<[string, string[]]> = [
      ['plain.bin', []],
      ['kms.bin', ['--sse', 'aws:kms', '--sse-kms-key-id', key.KeyMetadata!.KeyId!]],
    ];
    for (const [name, options] of variants) {
      const up = await aws(['s3', 'cp', 'upload.bin', `s3://cli-bucket/${name}`, ...options]);
      assert.equal(up.exitCode, 0, up.stderr);
      const down = await aws(['s3', 'cp', `s3://cli-bucket/${name}`, `down-${name}`]);
      assert.equal(down.exitCode, 0, down.stderr);

      const copied = await readFile(join(workDirectory, `down-${name}`));
      assert.ok(copied.equals(data), `${name} came back byte for byte`);
      const head = await aws(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', name]);
      assert.equal(head.exitCode, 0, head.stderr);
      assert.match(JSON.parse(head.stdout).ETag, /-\d+"$/, `${name} was uploaded in parts`);
    }

    const head = await aws(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'kms.bin']);
    const described = JSON.parse(head.stdout);
    assert.equal(described.ServerSideEncryption, 'aws:kms');
    assert.equal(described.SSEKMSKeyId, key.KeyMetadata!.Arn);
  });
});
