/**
 * @module GetObject and HeadObject: find the row, open the object key, stream and decrypt the blob.
 */
import { pipeline, type Readable } from 'node:stream';
import type { Principal } from '../../identity/principals.js';
import { BlobNotFoundError } from '../../storage/blobs/blob-store.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { noSuchKey } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { encodeObjectIdentity } from '../server-side-encryption/object-key.js';
import { createDecryptStream, ObjectIntegrityError } from '../server-side-encryption/segmented-encryption.js';
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

export async function getObject(deps: S3Dependencies, caller: Principal, bucket: string, key: string): Promise<GetObjectResult> {
  const record = requireObject(deps, caller, bucket, key);
  const objectKey = await openObjectKey(deps, caller, record);

  let stored: Readable;
  try {
    stored = await deps.blobs.get(record.blobId);
  } catch (error) {
    objectKey.fill(0);
    if (error instanceof BlobNotFoundError) {
      throw new ObjectIntegrityError(`the data of ${bucket}/${key} is missing`);
    }
    throw error;
  }

  // TODO: serve Range requests by decrypting only the segments that cover the
  // range; the format allows it, but every GET still returns the whole object.
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
