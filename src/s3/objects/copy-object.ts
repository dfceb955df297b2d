/**
 * @module CopyObject: decrypt the source with its own key and store the
 * plaintext as a new object through the PutObject path, so the destination
 * gets a fresh version id, a fresh object key and its own encryption settings.
 */
import type { Principal } from '../../identity/principals.js';
import { requireAccessibleBucket } from '../buckets/bucket-records.js';
import { noSuchKey, S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { parseEncryptionHeaders, type EncryptionHeaders } from '../server-side-encryption/encryption-request.js';
import { assertCopySourceConditions, type CopySourceConditions } from './copy-source-conditions.js';
import type { ChecksumAlgorithm } from './object-checksum.js';
import { assertUserMetadataSize, type ObjectChecksum, type StoredHeaders } from './object-metadata.js';
import { findObject } from './object-records.js';
import { assertKeyLength, putObject } from './put-object.js';
import { copyFromSource } from './read-copy-source.js';

/** S3's limit on the source of a single CopyObject: 5 GiB. Larger objects need UploadPartCopy. */
export const MAX_COPY_SOURCE_BYTES = 5 * 1024 ** 3;

/** Source of the copy's stored headers and user metadata: COPY keeps the source's, REPLACE takes the request's. */
export type MetadataDirective = 'COPY' | 'REPLACE';

export interface CopyObjectRequest {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  /** Version id named in `x-amz-copy-source`. Buckets are unversioned, so only `null` exists. */
  readonly sourceVersionId?: string;
  readonly bucket: string;
  readonly key: string;
  readonly metadataDirective: MetadataDirective;
  /** Stored headers of the request, used with REPLACE only. */
  readonly headers: StoredHeaders;
  /** `x-amz-meta-*` of the request, used with REPLACE only. */
  readonly userMetadata: Readonly<Record<string, string>>;
  /** Encryption headers for the destination. The source's own encryption plays no part. */
  readonly encryption: EncryptionHeaders;
  readonly conditions: CopySourceConditions;
  /** Algorithm from `x-amz-checksum-algorithm`. Without it the copy gets a checksum of the source's algorithm, if the source has one. */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  /**
   * Whether the request sets a storage class or website redirect location.
   * The server stores neither, but S3 counts either as a change that allows
   * copying an object onto itself.
   */
  readonly setsStorageClassOrRedirect: boolean;
}

export interface CopyObjectResult {
  readonly etag: string;
  readonly lastModified: Date;
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  readonly kmsKeyArn?: string;
  readonly kmsEncryptionContext?: Readonly<Record<string, string>>;
  readonly checksum?: ObjectChecksum;
}

const COPY_TO_ITSELF_MESSAGE =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

export async function copyObject(deps: S3Dependencies, caller: Principal, request: CopyObjectRequest): Promise<CopyObjectResult> {
  // Check both buckets, the source row and the request before any KMS call,
  // so a request that must fail costs no Decrypt or GenerateDataKey.
  requireAccessibleBucket(deps.database, caller, request.bucket);
  requireAccessibleBucket(deps.database, caller, request.sourceBucket);
  assertKeyLength(request.key);
  const replace = request.metadataDirective === 'REPLACE';
  if (replace) {
    assertUserMetadataSize(request.userMetadata);
  }
  parseEncryptionHeaders(request.encryption);

  if (request.sourceVersionId !== undefined && request.sourceVersionId !== 'null') {
    throw new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: request.sourceKey, VersionId: request.sourceVersionId });
  }
  const source = findObject(deps.database, request.sourceBucket, request.sourceKey);
  if (source === undefined) {
    throw noSuchKey(request.sourceKey);
  }
  assertCopySourceConditions(request.conditions, source);
  if (request.sourceBucket === request.bucket && request.sourceKey === request.key && !replace && !changesEncryption(request.encryption) && !request.setsStorageClassOrRedirect) {
    throw new S3Error('InvalidRequest', COPY_TO_ITSELF_MESSAGE);
  }
  if (source.size > MAX_COPY_SOURCE_BYTES) {
    throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_BYTES}`);
  }

  const copySource = { bucket: request.sourceBucket, key: request.sourceKey, conditions: request.conditions };
  const result = await copyFromSource(deps, caller, copySource, (opened) => {
    const metadata = opened.object.metadata;
    const checksumAlgorithm = request.checksumAlgorithm ?? metadata.checksum?.algorithm;
    return putObject(deps, caller, {
      bucket: request.bucket,
      key: request.key,
      body: opened.body,
      contentLength: opened.object.size,
      headers: replace ? request.headers : metadata.headers,
      userMetadata: replace ? request.userMetadata : metadata.userMetadata,
      ...(checksumAlgorithm !== undefined ? { checksumAlgorithm } : {}),
      encryption: request.encryption,
    });
  });

  return {
    etag: result.etag,
    lastModified: result.lastModified,
    serverSideEncryption: result.serverSideEncryption,
    ...(result.kmsKeyArn !== undefined ? { kmsKeyArn: result.kmsKeyArn } : {}),
    ...(result.kmsEncryptionContext !== undefined ? { kmsEncryptionContext: result.kmsEncryptionContext } : {}),
    ...(result.checksum !== undefined ? { checksum: result.checksum } : {}),
  };
}

/** Returns whether the request names any destination encryption, which S3 counts as a change for a copy onto itself. */
function changesEncryption(encryption: EncryptionHeaders): boolean {
  return encryption.serverSideEncryption !== undefined || encryption.kmsKeyId !== undefined || encryption.context !== undefined;
}
