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

export async function headObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string): Promise<ObjectDescription> {
  // HEAD reads metadata only and does not call KMS, as on AWS, where a caller
  // without kms:Decrypt can still HEAD an SSE-KMS object but not GET it.
  const record = requireObject(deps, caller, bucket, key);
  return describe(record);
}

/**
 * Opens an object for reading: all of it, or only `range`, which the caller has
 * resolved against the object's size. Throws InvalidRange when the object was
 * replaced by a shorter one in between.
 */
export async function getObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string, range?: PlaintextRange): Promise<GetObjectResult> {
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
    throw missingBlobAsIntegrityError(error, record);
  }

  const decrypt = createDecryptStream({
    key: objectKey,
    binding: encodeObjectIdentity(record),
    expectedPlaintextSize: record.size,
  });
  const body = pipeline(stored, decrypt, () => {
    // Errors reach the consumer through `body` itself.
  });
  return { object: describe(record), body };
}

/** Fetches the header and the segments that cover `range`, and decrypts only those. */
async function openRange(deps: S3Dependencies, record: ObjectRecord, objectKey: Buffer, range: PlaintextRange): Promise<Readable> {
  let header: Buffer;
  let stored: Readable;
  try {
    header = await readAll(await deps.blobs.get(record.blobId, { start: 0, end: HEADER_BYTES - 1 }));
    if (header.length !== HEADER_BYTES) {
      throw new ObjectIntegrityError('header is truncated');
    }
    const plan = planSegmentRange(record.size, decodeHeader(header), range);
    stored = await deps.blobs.get(record.blobId, { start: plan.storedStart, end: plan.storedEnd });

    const decrypt = createRangeDecryptStream({ key: objectKey, binding: encodeObjectIdentity(record), header, plan });
    return pipeline(stored, decrypt, () => {
      // Errors reach the consumer through the returned stream itself.
    });
  } catch (error) {
    objectKey.fill(0);
    throw missingBlobAsIntegrityError(error, record);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function missingBlobAsIntegrityError(error: unknown, record: ObjectRecord): unknown {
  if (error instanceof BlobNotFoundError) {
    return new ObjectIntegrityError(`the data of ${record.bucket}/${record.key} is missing`);
  }
  return error;
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
