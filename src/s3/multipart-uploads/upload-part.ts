/**
 * @module UploadPart: encrypt one part under the upload's data key into a new
 * blob, then commit its row.
 */
import type { Readable } from 'node:stream';
import type { Principal } from '../../identity/principals.js';
import { writeEncryptedBlob } from '../objects/write-encrypted-blob.js';
import { generateBlobId } from '../../storage/blobs/blob-store.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { deleteBlobQuietly, dequeueBlob, queueBlob } from '../objects/blob-cleanup.js';
import type { ChecksumAlgorithm } from '../objects/object-checksum.js';
import type { ObjectChecksum } from '../objects/object-metadata.js';
import { S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { openSseKmsObjectKey } from '../server-side-encryption/sse-kms.js';
import { openSseS3ObjectKey } from '../server-side-encryption/sse-s3.js';
import { parseContentMd5 } from '../objects/put-object.js';
import { MAX_PART_BYTES, noSuchUpload } from './multipart-limits.js';
import { encodePartIdentity } from './part-identity.js';
import { findUpload, upsertPart, type PartRecord, type UploadRecord } from './upload-records.js';

export interface UploadPartRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  /** Decoded payload; it fails with an error if the upload's signature or checksum does not verify. */
  readonly body: Readable;
  readonly contentLength: number | undefined;
  /** Content-MD5 header value (base64), when sent. */
  readonly contentMd5?: string;
  /** Checksum the client sent as a header; the part fails with BadDigest if the body does not match. */
  readonly checksum?: ObjectChecksum;
  /** Algorithm of a checksum sent in an aws-chunked trailer; the server computes and stores the value. */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
}

export interface UploadPartResult {
  readonly etag: string;
  readonly lastModified: Date;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
  readonly checksum?: ObjectChecksum;
}

export async function uploadPart(deps: S3Dependencies, caller: Principal, request: UploadPartRequest): Promise<UploadPartResult> {
  // Check everything that can be checked before reading the body.
  requireAccessibleBucket(deps.database, caller, request.bucket);
  const upload = findUpload(deps.database, request.bucket, request.key, request.uploadId);
  if (upload === undefined) {
    throw noSuchUpload(request.uploadId);
  }
  const contentLength = requirePartLength(request.contentLength);
  const expectedMd5 = parseContentMd5(request.contentMd5);

  // For SSE-KMS, opening the key calls KMS Decrypt as the caller, so a caller
  // without kms:Decrypt on the upload's key cannot add parts, as on AWS.
  const dataKey = await openUploadKey(deps, caller, upload);

  // Queue the blob before writing it, so a crash mid-upload leaves it collectable.
  const blobId = generateBlobId();
  queueBlob(deps.database, blobId, deps.clock());

  let committed = false;
  try {
    const { size, md5: digest, checksum } = await writeEncryptedBlob(deps, {
      blobId,
      body: request.body,
      dataKey: dataKey,
      binding: encodePartIdentity({ bucket: upload.bucket, key: upload.key, uploadId: upload.uploadId, partNumber: request.partNumber }),
      contentLength,
      expectedMd5,
      contentMd5: request.contentMd5,
      checksum: request.checksum,
      checksumAlgorithm: request.checksumAlgorithm,
    });

    const part: PartRecord = {
      uploadId: upload.uploadId,
      partNumber: request.partNumber,
      blobId,
      size,
      etag: `"${digest.toString('hex')}"`,
      lastModified: deps.clock(),
      ...(checksum ? { checksum } : {}),
    };

    // One transaction adds the part and queues the blob of a part it replaces.
    const replaced = commitPart(deps, part);
    committed = true;
    if (replaced !== undefined) {
      await deleteBlobQuietly(deps.database, deps.blobs, replaced.blobId);
    }

    return {
      etag: part.etag,
      lastModified: part.lastModified,
      serverSideEncryption: upload.sealedKey.algorithm,
      ...(upload.sealedKey.kmsKeyArn ? { kmsKeyArn: upload.sealedKey.kmsKeyArn } : {}),
      ...(checksum ? { checksum } : {}),
    };
  } finally {
    dataKey.fill(0);
    if (!committed) {
      await deleteBlobQuietly(deps.database, deps.blobs, blobId);
    }
  }
}

/** Opens the upload's data key the way GET opens an object's. */
export async function openUploadKey(deps: S3Dependencies, caller: Principal, upload: UploadRecord): Promise<Buffer> {
  if (upload.sealedKey.algorithm === 'aws:kms') {
    return openSseKmsObjectKey(deps.dataKeys, upload.sealedKey, caller);
  }
  return openSseS3ObjectKey(deps.rootKeystore, upload.sealedKey, { bucket: upload.bucket, key: upload.key, versionId: upload.uploadId });
}

function commitPart(deps: S3Dependencies, part: PartRecord): PartRecord | undefined {
  return deps.database.transaction(() => {
    // The upload may have been completed or aborted while the body was uploading.
    if (deps.database.prepare('SELECT 1 FROM s3_multipart_uploads WHERE upload_id = ?').get(part.uploadId) === undefined) {
      throw noSuchUpload(part.uploadId);
    }
    const replaced = upsertPart(deps.database, part);
    dequeueBlob(deps.database, part.blobId);
    if (replaced !== undefined) {
      queueBlob(deps.database, replaced.blobId, deps.clock());
    }
    return replaced;
  }).immediate();
}

function requirePartLength(contentLength: number | undefined): number {
  if (contentLength === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  if (contentLength > MAX_PART_BYTES) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(contentLength),
      MaxSizeAllowed: String(MAX_PART_BYTES),
    });
  }
  return contentLength;
}
