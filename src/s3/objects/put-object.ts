/**
 * @module PutObject: encrypt the body into a new blob, then commit its row.
 */
import type { Readable } from 'node:stream';
import type { Principal } from '../../identity/principals.js';
import { writeEncryptedBlob } from './write-encrypted-blob.js';
import { generateBlobId } from '../../storage/blobs/blob-store.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { noSuchBucket, S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { parseEncryptionHeaders, type EncryptionHeaders } from '../server-side-encryption/encryption-request.js';
import type { ObjectIdentity } from '../server-side-encryption/object-key.js';
import { encodeObjectIdentity } from '../server-side-encryption/object-key.js';
import { createObjectKey } from '../server-side-encryption/create-object-key.js';
import { deleteBlobQuietly, dequeueBlob, queueBlob } from './blob-cleanup.js';
import type { ChecksumAlgorithm } from './object-checksum.js';
import { assertUserMetadataSize, stripAwsChunked, type ObjectChecksum, type StoredHeaders } from './object-metadata.js';
import { findObject, releaseObjectBlobs, upsertObject, type ObjectRecord } from './object-records.js';
import { checkWriteConditions, validateWriteConditions, type WriteConditions } from './write-conditions.js';

/** S3's limit for a single PUT: 5 GiB. */
export const MAX_PUT_OBJECT_BYTES = 5 * 1024 ** 3;
/** S3's limit on the UTF-8 length of an object key. */
export const MAX_KEY_BYTES = 1024;

export interface PutObjectRequest {
  readonly bucket: string;
  readonly key: string;
  /** Decoded payload; it fails with an error if the upload's signature or checksum does not verify. */
  readonly body: Readable;
  /** Declared length of the decoded payload; undefined when the client sent none. */
  readonly contentLength: number | undefined;
  /** Content-MD5 header value (base64), when sent. */
  readonly contentMd5?: string;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  /** Checksum the client sent as a header; the upload fails with BadDigest if the body does not match. */
  readonly checksum?: ObjectChecksum;
  /** Algorithm of a checksum sent in an aws-chunked trailer; the server computes and stores the value. */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly encryption: EncryptionHeaders;
  readonly conditions?: WriteConditions;
}

export interface PutObjectResult {
  readonly etag: string;
  readonly lastModified: Date;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
  /** The encryption context given to KMS, returned when the request carried one. */
  readonly kmsEncryptionContext?: Readonly<Record<string, string>>;
  readonly checksum?: ObjectChecksum;
}

export async function putObject(deps: S3Dependencies, caller: Principal, request: PutObjectRequest): Promise<PutObjectResult> {
  // Check everything that can be checked before reading the body.
  requireAccessibleBucket(deps.database, caller, request.bucket);
  assertKeyLength(request.key);
  assertUserMetadataSize(request.userMetadata);
  const contentLength = requireContentLength(request.contentLength);
  const expectedMd5 = parseContentMd5(request.contentMd5);
  const encryption = parseEncryptionHeaders(request.encryption);
  const conditions = request.conditions ?? {};
  validateWriteConditions(conditions);
  checkWriteConditions(conditions, request.key, findObject(deps.database, request.bucket, request.key));

  // Get the object key; a KMS failure stops the request before anything is written.
  const identity: ObjectIdentity = { bucket: request.bucket, key: request.key, versionId: deps.random(16).toString('hex') };
  const objectKey = await createObjectKey(deps, caller, encryption, identity);

  // Queue the blob before writing it, so a crash mid-upload leaves it collectable.
  const blobId = generateBlobId();
  queueBlob(deps.database, blobId, deps.clock());

  let committed = false;
  try {
    const { size, md5: digest, checksum } = await writeEncryptedBlob(deps, {
      blobId,
      body: request.body,
      dataKey: objectKey.plaintext,
      binding: encodeObjectIdentity(identity),
      contentLength,
      expectedMd5,
      contentMd5: request.contentMd5,
      checksum: request.checksum,
      checksumAlgorithm: request.checksumAlgorithm,
    });

    const record: ObjectRecord = {
      bucket: request.bucket,
      key: request.key,
      versionId: identity.versionId,
      blobId,
      size,
      // Differs from AWS: S3's ETag for SSE-KMS objects is not the MD5 of the
      // plaintext. Here every single-PUT object's ETag is.
      etag: `"${digest.toString('hex')}"`,
      lastModified: deps.clock(),
      metadata: {
        headers: { ...request.headers, contentEncoding: stripAwsChunked(request.headers.contentEncoding) },
        userMetadata: request.userMetadata,
        ...(checksum ? { checksum } : {}),
      },
      sealedKey: objectKey.sealedKey,
    };

    // One transaction swaps the row and moves the old blobs, if any, to the queue.
    const replacedBlobIds = commitObject(deps, record, conditions);
    committed = true;
    for (const replacedBlobId of replacedBlobIds) {
      await deleteBlobQuietly(deps.database, deps.blobs, replacedBlobId);
    }

    return {
      etag: record.etag,
      lastModified: record.lastModified,
      serverSideEncryption: objectKey.sealedKey.algorithm,
      ...(objectKey.sealedKey.kmsKeyArn ? { kmsKeyArn: objectKey.sealedKey.kmsKeyArn } : {}),
      ...(encryption.algorithm === 'aws:kms' && encryption.userContext !== undefined
        ? { kmsEncryptionContext: objectKey.sealedKey.kmsEncryptionContext }
        : {}),
      ...(checksum ? { checksum } : {}),
    };
  } finally {
    objectKey.plaintext.fill(0);
    if (!committed) {
      await deleteBlobQuietly(deps.database, deps.blobs, blobId);
    }
  }
}

/**
 * Writes the row and returns the blob ids of the object it replaced. The write
 * conditions are checked again here, so of two writers racing with
 * `If-None-Match: *` only the first to commit succeeds.
 *
 * Differs from AWS: a condition that held before the upload but fails here
 * gets PreconditionFailed or NoSuchKey. S3 returns 409 ConditionalRequestConflict.
 */
function commitObject(deps: S3Dependencies, record: ObjectRecord, conditions: WriteConditions): string[] {
  return deps.database.transaction(() => {
    // The bucket may have been deleted while the body was uploading.
    if (deps.database.prepare('SELECT 1 FROM s3_buckets WHERE bucket_name = ?').get(record.bucket) === undefined) {
      throw noSuchBucket(record.bucket);
    }

    const previous = findObject(deps.database, record.bucket, record.key);
    checkWriteConditions(conditions, record.key, previous);
    upsertObject(deps.database, record);
    dequeueBlob(deps.database, record.blobId);
    return previous === undefined ? [] : releaseObjectBlobs(deps.database, previous, deps.clock());
  }).immediate();
}

export function assertKeyLength(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', {
      Size: String(Buffer.byteLength(key, 'utf8')),
      MaxSizeAllowed: String(MAX_KEY_BYTES),
    });
  }
}

function requireContentLength(contentLength: number | undefined): number {
  if (contentLength === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  if (contentLength > MAX_PUT_OBJECT_BYTES) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(contentLength),
      MaxSizeAllowed: String(MAX_PUT_OBJECT_BYTES),
    });
  }
  return contentLength;
}

/** Decodes a Content-MD5 header value; anything but base64 of 16 bytes is InvalidDigest. */
export function parseContentMd5(value: string | undefined): Buffer | undefined {
  if (value === undefined) {
    return undefined;
  }
  const digest = Buffer.from(value, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== value) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', { 'Content-MD5': value });
  }
  return digest;
}
