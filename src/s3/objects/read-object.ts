/**
 * @module GetObject and HeadObject: find the row, open the object key, stream
 * and decrypt the blob, or each part's blob in turn for a multipart object.
 */
import { pipeline, type Readable } from 'node:stream';
import type { Principal } from '../../identity/principals.js';
import { BlobNotFoundError } from '../../storage/blobs/blob-store.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { readMultipartObject } from '../multipart-uploads/read-multipart-object.js';
import { noSuchKey, S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { encodeObjectIdentity } from '../server-side-encryption/object-key.js';
import { createDecryptStream, decodeHeader, HEADER_BYTES, ObjectIntegrityError } from '../server-side-encryption/segmented-encryption.js';
import { createRangeDecryptStream, planSegmentRange, type PlaintextRange } from '../server-side-encryption/segmented-range.js';
import { openSseKmsObjectKey } from '../server-side-encryption/sse-kms.js';
import { openSseS3ObjectKey } from '../server-side-encryption/sse-s3.js';
import type { ObjectMetadata } from './object-metadata.js';
import { findObject, type ObjectRecord } from './object-records.js';

/** Object properties that GET and HEAD return. */
export interface ObjectDescription {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
  readonly metadata: ObjectMetadata;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
}

export interface GetObjectResult {
  readonly object: ObjectDescription;
  /** Plaintext; it fails with {@link ObjectIntegrityError} if the stored data was altered. */
  readonly body: Readable;
}

export interface HeadObjectOptions {
  /** `x-amz-checksum-mode: ENABLED`: the caller asks for the stored checksum. */
  readonly checksumMode?: boolean;
}

export async function headObject(
  deps: S3Dependencies,
  caller: Principal,
  bucket: string,
  key: string,
  options: HeadObjectOptions = {},
): Promise<ObjectDescription> {
  // A plain HEAD reads metadata only and does not call KMS, as on AWS, where a
  // caller without kms:Decrypt can still HEAD an SSE-KMS object but not GET it.
  const record = requireObject(deps, caller, bucket, key);

  // The checksum is derived from the plaintext, so AWS returns it for an
  // SSE-KMS object only to a caller allowed to decrypt it. Opening the data
  // key checks that permission; the key itself is not needed.
  if (options.checksumMode === true && record.sealedKey.algorithm === 'aws:kms') {
    const objectKey = await openObjectKey(deps, caller, record);
    objectKey.fill(0);
  }
  return describe(record);
}

/**
 * Opens an object for reading: all of it, or only `range`, which the caller has
 * resolved against the object's size. Throws InvalidRange when the object was
 * replaced by a shorter one in between. The object key is wiped when the
 * returned body closes, so the caller must consume or destroy the body.
 */
export async function getObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string, range?: PlaintextRange): Promise<GetObjectResult> {
  try {
    return await openObject(deps, caller, bucket, key, range);
  } catch (error) {
    if (!(error instanceof ObjectReplacedError)) {
      throw error;
    }
    // An overwrite deleted the blob between reading the row and opening the
    // blob. Reading again serves the new object, as a later request would.
    return openObject(deps, caller, bucket, key, range);
  }
}

async function openObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string, range?: PlaintextRange): Promise<GetObjectResult> {
  const record = requireObject(deps, caller, bucket, key);
  if (range !== undefined && range.end >= record.size) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', { ActualObjectSize: String(record.size) });
  }
  const objectKey = await openObjectKey(deps, caller, record);

  if (record.partCount !== undefined) {
    return { object: describe(record), body: readMultipartObject(deps.database, deps.blobs, record, objectKey, range) };
  }
  if (range !== undefined) {
    return { object: describe(record), body: await openRange(deps, record, objectKey, range) };
  }

  let stored: Readable;
  try {
    stored = await deps.blobs.get(record.blobId);
  } catch (error) {
    objectKey.fill(0);
    throw missingBlobError(deps, error, record);
  }

  const decrypt = createDecryptStream({
    key: objectKey,
    binding: encodeObjectIdentity(record),
    expectedPlaintextSize: record.size,
  });
  wipeKeyOnClose(decrypt, objectKey);
  const body = pipeline(stored, decrypt, () => {
    // Errors reach the consumer through `body` itself.
  });
  return { object: describe(record), body };
}

/** Wipes `objectKey` once `stream` has closed, whether it ended, failed or was destroyed. */
function wipeKeyOnClose(stream: Readable, objectKey: Buffer): void {
  stream.once('close', () => objectKey.fill(0));
}

/**
 * Fetches the header and the segments that cover `range`, and decrypts only
 * those. The blob is opened twice, so an overwrite in between that deletes it
 * is reported by {@link missingBlobError} as the object having changed.
 */
async function openRange(deps: S3Dependencies, record: ObjectRecord, objectKey: Buffer, range: PlaintextRange): Promise<Readable> {
  let stored: Readable | undefined;
  try {
    const header = await readAll(await deps.blobs.get(record.blobId, { start: 0, end: HEADER_BYTES - 1 }));
    if (header.length !== HEADER_BYTES) {
      throw new ObjectIntegrityError('header is truncated');
    }
    const plan = planSegmentRange(record.size, decodeHeader(header), range);
    stored = await deps.blobs.get(record.blobId, { start: plan.storedStart, end: plan.storedEnd });

    const decrypt = createRangeDecryptStream({ key: objectKey, binding: encodeObjectIdentity(record), header, plan });
    wipeKeyOnClose(decrypt, objectKey);
    return pipeline(stored, decrypt, () => {
      // Errors reach the consumer through the returned stream itself.
    });
  } catch (error) {
    stored?.destroy();
    objectKey.fill(0);
    throw missingBlobError(deps, error, record);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The blob of the object that was read has been deleted because another request replaced the object. */
class ObjectReplacedError extends Error {
  override name = 'ObjectReplacedError';
}

/**
 * Explains a missing blob. When the row has meanwhile been deleted or replaced,
 * the object changed during the read: NoSuchKey, or {@link ObjectReplacedError}
 * so that the read starts again. A blob missing under an unchanged row means
 * the stored data was lost, an {@link ObjectIntegrityError}.
 */
function missingBlobError(deps: S3Dependencies, error: unknown, record: ObjectRecord): unknown {
  if (!(error instanceof BlobNotFoundError)) {
    return error;
  }

  const current = findObject(deps.database, record.bucket, record.key);
  if (current === undefined) {
    return noSuchKey(record.key);
  }
  if (current.versionId !== record.versionId) {
    return new ObjectReplacedError(`${record.bucket}/${record.key} was replaced while it was being read`);
  }
  return new ObjectIntegrityError(`the data of ${record.bucket}/${record.key} is missing`);
}

function requireObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string): ObjectRecord {
  requireAccessibleBucket(deps.database, caller, bucket);
  const record = findObject(deps.database, bucket, key);
  if (record === undefined) {
    throw noSuchKey(key);
  }
  return record;
}

async function openObjectKey(deps: S3Dependencies, caller: Principal, record: ObjectRecord): Promise<Buffer> {
  if (record.sealedKey.algorithm === 'aws:kms') {
    return openSseKmsObjectKey(deps.dataKeys, record.sealedKey, caller);
  }
  return openSseS3ObjectKey(deps.rootKeystore, record.sealedKey, record);
}

function describe(record: ObjectRecord): ObjectDescription {
  return {
    key: record.key,
    size: record.size,
    etag: record.etag,
    lastModified: record.lastModified,
    metadata: record.metadata,
    serverSideEncryption: record.sealedKey.algorithm,
    ...(record.sealedKey.kmsKeyArn ? { kmsKeyArn: record.sealedKey.kmsKeyArn } : {}),
  };
}
