/**
 * UploadPartCopy through the AWS SDK and the aws CLI against a real server.
 * The SDK copies ranges of plain and SSE-KMS sources into an SSE-KMS upload
 * and checks the errors S3 reports. The CLI copies and moves objects large
 * enough that it copies them part by part.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { awsCliMissingReason, runAwsCli } from '../support/aws-cli.js';
import { startServer, type RunningServer } from '../support/server-harness.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const BUCKET = 'part-copy';
const MIB = 1024 * 1024;

function quotedMd5(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

async function assertS3Failure(promise: Promise<unknown>, name: string, status: number, message?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof S3ServiceException, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    if (message !== undefined) {
      assert.equal(error.message, message);
    }
    return true;
  });
}

describe('S3 UploadPartCopy', () => {
  let server: RunningServer;
  let s3: S3Client;
  let keyArn: string;
  const plainSource = randomBytes(12 * MIB + 777);
  const kmsSource = randomBytes(9 * MIB + 5);
  const smallSource = randomBytes(300_001);

  const read = async (key: string): Promise<Buffer> => {
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await get.Body!.transformToByteArray());
  };
  const createUpload = async (key: string): Promise<string> => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    return created.UploadId!;
  };

  before(async () => {
    server = await startServer();
    const credentials = server.rootCredentials;
    s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials, forcePathStyle: true, maxAttempts: 1 });
    const kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'part copies' }))).KeyMetadata!.Arn!;
    kms.destroy();

    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'plain source', Body: plainSource }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kms-source', Body: kmsSource, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'small', Body: smallSource, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
  });
  after(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('assembles an SSE-KMS object from copied ranges', async () => {
    const uploadId = await createUpload('assembled');
    // Ranges that start and end inside encryption segments.
    const pieces: Array<{ source: string; range?: [number, number]; data: Buffer }> = [
      { source: 'plain%20source', range: [1000, 1000 + 6 * MIB - 1], data: plainSource.subarray(1000, 1000 + 6 * MIB) },
      { source: 'kms-source', range: [123, 123 + 5 * MIB], data: kmsSource.subarray(123, 123 + 5 * MIB + 1) },
      { source: 'small', data: smallSource },
    ];

    const parts = [];
    for (const [index, piece] of pieces.entries()) {
      const copied = await s3.send(new UploadPartCopyCommand({
        Bucket: BUCKET,
        Key: 'assembled',
        UploadId: uploadId,
        PartNumber: index + 1,
        CopySource: `${BUCKET}/${piece.source}`,
        ...(piece.range !== undefined ? { CopySourceRange: `bytes=${piece.range[0]}-${piece.range[1]}` } : {}),
      }));
      assert.equal(copied.CopyPartResult?.ETag, quotedMd5(piece.data), `part ${index + 1} ETag`);
      assert.ok(copied.CopyPartResult?.LastModified instanceof Date, `part ${index + 1} LastModified`);
      assert.equal(copied.ServerSideEncryption, 'aws:kms');
      assert.equal(copied.SSEKMSKeyId, keyArn);
      parts.push({ PartNumber: index + 1, ETag: copied.CopyPartResult!.ETag! });
    }

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'assembled', UploadId: uploadId }));
    assert.deepEqual(listed.Parts?.map((part) => part.Size), pieces.map((piece) => piece.data.length));

    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'assembled', UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    const expected = Buffer.concat(pieces.map((piece) => piece.data));
    assert.ok((await read('assembled')).equals(expected), 'the completed object is the copied bytes in order');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'assembled' }));
    assert.equal(head.ServerSideEncryption, 'aws:kms');
    assert.equal(head.SSEKMSKeyId, keyArn);
  });

  it('rejects a range outside the source', async () => {
    const uploadId = await createUpload('out-of-range');

    await assertS3Failure(
      s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'out-of-range', UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/small`, CopySourceRange: `bytes=0-${smallSource.length}` })),
      'InvalidArgument',
      400,
      `Range specified is not valid for source object of size: ${smallSource.length}`,
    );
    await assertS3Failure(
      s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'out-of-range', UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/small`, CopySourceRange: '0-9' })),
      'InvalidArgument',
      400,
    );

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'out-of-range', UploadId: uploadId }));
    assert.equal(listed.Parts?.length ?? 0, 0, 'nothing is stored');
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'out-of-range', UploadId: uploadId }));
  });

  it('reports missing sources, uploads and failed conditions', async () => {
    const uploadId = await createUpload('errors');
    const copy = (overrides: Partial<ConstructorParameters<typeof UploadPartCopyCommand>[0]>) =>
      s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'errors', UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/small`, ...overrides }));

    await assertS3Failure(copy({ CopySource: `${BUCKET}/missing` }), 'NoSuchKey', 404);
    await assertS3Failure(copy({ CopySource: 'no-such-bucket/small' }), 'NoSuchBucket', 404);
    await assertS3Failure(copy({ UploadId: 'unknown' }), 'NoSuchUpload', 404);
    await assertS3Failure(copy({ CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"' }), 'PreconditionFailed', 412);
    await assertS3Failure(copy({ CopySourceIfNoneMatch: quotedMd5(smallSource) }), 'PreconditionFailed', 412);

    const matched = await copy({ CopySourceIfMatch: quotedMd5(smallSource) });
    assert.equal(matched.CopyPartResult?.ETag, quotedMd5(smallSource));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'errors', UploadId: uploadId }));
  });

  it('denies a user the source key policy does not name', async () => {
    const user = await server.createUser('not-in-policy');
    const userS3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: user, forcePathStyle: true, maxAttempts: 1 });
    try {
      // An SSE-S3 upload, so only the source's key needs kms:Decrypt.
      const uploadId = (await userS3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'user-copy' }))).UploadId!;
      await assertS3Failure(
        userS3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'user-copy', UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/small`, CopySourceRange: 'bytes=0-99' })),
        'AccessDenied',
        403,
      );
      const plain = await userS3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'user-copy', UploadId: uploadId, PartNumber: 2, CopySource: `${BUCKET}/plain%20source`, CopySourceRange: 'bytes=0-99' }));
      assert.equal(plain.CopyPartResult?.ETag, quotedMd5(plainSource.subarray(0, 100)));

      const listed = await userS3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'user-copy', UploadId: uploadId }));
      assert.deepEqual(listed.Parts?.map((part) => part.PartNumber), [2], 'the denied part is not stored');
      await userS3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'user-copy', UploadId: uploadId }));
    } finally {
      userS3.destroy();
    }
  });
});

describe('aws s3 cp and mv of large objects between S3 keys', { skip: awsCliMissingReason() }, () => {
  let server: RunningServer;
  let workDirectory: string;
  // Larger than the CLI's 8 MiB multipart threshold, so it copies with UploadPartCopy.
  const data = randomBytes(20 * 1000 * 1000);
  const aws = (args: string[]) => runAwsCli(server.endpoint, server.region, server.rootCredentials, args, workDirectory);

  const download = async (key: string): Promise<Buffer> => {
    const file = `down-${key.replace(/\W/g, '-')}.bin`;
    const result = await aws(['s3', 'cp', `s3://cli-large/${key}`, file]);
    assert.equal(result.exitCode, 0, result.stderr);
    return readFile(join(workDirectory, file));
  };

  before(async () => {
    server = await startServer();
    workDirectory = await mkdtemp(join(tmpdir(), 'strongroom-part-copy-cli-'));
    await writeFile(join(workDirectory, 'big.bin'), data);

    const kms = new KMSClient({ endpoint: server.endpoint, region: server.region, credentials: server.rootCredentials, maxAttempts: 1 });
    const keyId = (await kms.send(new CreateKeyCommand({ Description: 'large copies' }))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/large-copies', TargetKeyId: keyId }));
    kms.destroy();

    for (const args of [['s3', 'mb', 's3://cli-large'], ['s3', 'cp', 'big.bin', 's3://cli-large/big']]) {
      const result = await aws(args);
      assert.equal(result.exitCode, 0, result.stderr);
    }
  });
  after(async () => {
    await server?.stop();
    if (workDirectory !== undefined) {
      await rm(workDirectory, { recursive: true, force: true });
    }
  });

  it('copies and moves a 20 MB object', async () => {
    const copied = await aws(['s3', 'cp', 's3://cli-large/big', 's3://cli-large/copy']);
    assert.equal(copied.exitCode, 0, copied.stderr);
    const head = await aws(['s3api', 'head-object', '--bucket', 'cli-large', '--key', 'copy']);
    assert.equal(head.exitCode, 0, head.stderr);
    // A multipart ETag shows the CLI copied part by part rather than with one CopyObject.
    assert.match((JSON.parse(head.stdout) as { ETag?: string }).ETag ?? '', /^"[0-9a-f]{32}-\d+"$/);
    const moved = await aws(['s3', 'mv', 's3://cli-large/copy', 's3://cli-large/moved']);
    assert.equal(moved.exitCode, 0, moved.stderr);

    assert.ok((await download('moved')).equals(data), 'the moved copy matches the original');
    const gone = await aws(['s3api', 'head-object', '--bucket', 'cli-large', '--key', 'copy']);
    assert.notEqual(gone.exitCode, 0, 'mv removes the source');
  });

  it('copies and moves a 20 MB object into SSE-KMS', async () => {
    const sse = ['--sse', 'aws:kms', '--sse-kms-key-id', 'alias/large-copies'];
    const copied = await aws(['s3', 'cp', 's3://cli-large/big', 's3://cli-large/kms-copy', ...sse]);
    assert.equal(copied.exitCode, 0, copied.stderr);
    const moved = await aws(['s3', 'mv', 's3://cli-large/kms-copy', 's3://cli-large/kms-moved', ...sse]);
    assert.equal(moved.exitCode, 0, moved.stderr);

    const head = await aws(['s3api', 'head-object', '--bucket', 'cli-large', '--key', 'kms-moved']);
    assert.equal(head.exitCode, 0, head.stderr);
    const described = JSON.parse(head.stdout) as { ServerSideEncryption?: string; SSEKMSKeyId?: string; ContentLength?: number };
    assert.equal(described.ServerSideEncryption, 'aws:kms');
    assert.match(described.SSEKMSKeyId ?? '', /^arn:aws:kms:/);
    assert.equal(described.ContentLength, data.length);
    assert.ok((await download('kms-moved')).equals(data), 'the moved SSE-KMS copy matches the original');
  });
});
