/**
 * @module CreateMultipartUpload: choose the encryption, make the upload's data
 * key and store both with the new upload.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { assertUserMetadataSize, stripAwsChunked, type StoredHeaders } from '../objects/object-metadata.js';
import { assertKeyLength } from '../objects/put-object.js';
import { noSuchBucket } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { parseEncryptionHeaders, type EncryptionHeaders } from '../server-side-encryption/encryption-request.js';
import { createObjectKey } from '../server-side-encryption/create-object-key.js';
import { insertUpload, type UploadRecord } from './upload-records.js';

export interface CreateMultipartUploadRequest {
  readonly bucket: string;
  readonly key: string;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly encryption: EncryptionHeaders;
}

export interface CreateMultipartUploadResult {
  readonly uploadId: string;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
  /** The encryption context given to KMS, returned when the request carried one. */
  readonly kmsEncryptionContext?: Readonly<Record<string, string>>;
}

export async function createMultipartUpload(
  deps: S3Dependencies,
  caller: Principal,
  request: CreateMultipartUploadRequest,
): Promise<CreateMultipartUploadResult> {
  requireAccessibleBucket(deps.database, caller, request.bucket);
  assertKeyLength(request.key);
  assertUserMetadataSize(request.userMetadata);
  const encryption = parseEncryptionHeaders(request.encryption);

  // The upload id doubles as the completed object's version id, so the data
  // key is sealed (SSE-S3) for the object the upload will become.
  const uploadId = deps.random(16).toString('hex');
  const objectKey = await createObjectKey(deps, caller, encryption, { bucket: request.bucket, key: request.key, versionId: uploadId });
  // Only the sealed form is kept; each UploadPart opens it again.
  objectKey.plaintext.fill(0);

  const record: UploadRecord = {
    uploadId,
    bucket: request.bucket,
    key: request.key,
    initiatedAt: deps.clock(),
    initiatorArn: caller.arn,
    initiatorPrincipalId: caller.principalId,
    accountId: caller.accountId,
    metadata: {
      headers: { ...request.headers, contentEncoding: stripAwsChunked(request.headers.contentEncoding) },
      userMetadata: request.userMetadata,
    },
    sealedKey: objectKey.sealedKey,
  };
  deps.database.transaction(() => {
    // The bucket may have been deleted while KMS was generating the key.
    if (deps.database.prepare('SELECT 1 FROM s3_buckets WHERE bucket_name = ?').get(request.bucket) === undefined) {
      throw noSuchBucket(request.bucket);
    }
    insertUpload(deps.database, record);
  }).immediate();

  return {
    uploadId,
    serverSideEncryption: objectKey.sealedKey.algorithm,
    ...(objectKey.sealedKey.kmsKeyArn ? { kmsKeyArn: objectKey.sealedKey.kmsKeyArn } : {}),
    ...(encryption.algorithm === 'aws:kms' && encryption.userContext !== undefined
      ? { kmsEncryptionContext: objectKey.sealedKey.kmsEncryptionContext }
      : {}),
  };
}
