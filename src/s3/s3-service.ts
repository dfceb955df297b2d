/**
 * @module The S3 service: bucket, object and multipart upload operations, with no HTTP types.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../identity/principals.js';
import type { RootKeystore } from '../kms/root-keystores/root-keystore.js';
import type { BlobStore } from '../storage/blobs/blob-store.js';
import type { SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
  type CreateBucketRequest,
} from './buckets/bucket-operations.js';
import type { BucketRecord } from './buckets/bucket-records.js';
import type { Owner } from './buckets/owner.js';
import { deleteQueuedBlobs } from './objects/blob-cleanup.js';
import { copyObject, type CopyObjectRequest, type CopyObjectResult } from './objects/copy-object.js';
import { deleteObject } from './objects/delete-object.js';
import { listObjects, type ListObjectsRequest, type ListObjectsResult } from './objects/list-objects-v1.js';
import { listObjectsV2, type ListObjectsV2Request, type ListObjectsV2Result } from './objects/list-objects-v2.js';
import { putObject, type PutObjectRequest, type PutObjectResult } from './objects/put-object.js';
import { getObject, headObject, type GetObjectResult, type HeadObjectOptions, type ObjectDescription } from './objects/read-object.js';
import { abortMultipartUpload } from './multipart-uploads/abort-multipart-upload.js';
import {
  completeMultipartUpload,
  type CompleteMultipartUploadRequest,
  type CompleteMultipartUploadResult,
} from './multipart-uploads/complete-multipart-upload.js';
import {
  createMultipartUpload,
  type CreateMultipartUploadRequest,
  type CreateMultipartUploadResult,
} from './multipart-uploads/create-multipart-upload.js';
import {
  listMultipartUploads,
  type ListMultipartUploadsRequest,
  type ListMultipartUploadsResult,
} from './multipart-uploads/list-multipart-uploads.js';
import { listParts, type ListPartsRequest, type ListPartsResult } from './multipart-uploads/list-parts.js';
import { uploadPart, type UploadPartRequest, type UploadPartResult } from './multipart-uploads/upload-part.js';
import { uploadPartCopy, type UploadPartCopyRequest, type UploadPartCopyResult } from './multipart-uploads/upload-part-copy.js';
import type { S3Dependencies } from './s3-dependencies.js';
import type { DataKeyProvider } from './server-side-encryption/data-key-provider.js';
import type { PlaintextRange } from './server-side-encryption/segmented-range.js';

export interface S3ServiceOptions {
  readonly database: SqliteDatabase;
  readonly blobs: BlobStore;
  readonly dataKeys: DataKeyProvider;
  readonly rootKeystore: RootKeystore;
  readonly region: string;
  readonly clock?: () => Date;
  /** Source of random bytes for version ids, object keys and nonces; injectable for tests. */
  readonly random?: (size: number) => Buffer;
}

export class S3Service {
  readonly #deps: S3Dependencies;
  readonly #startedAt: Date;

  constructor(options: S3ServiceOptions) {
    this.#deps = {
      database: options.database,
      blobs: options.blobs,
      dataKeys: options.dataKeys,
      rootKeystore: options.rootKeystore,
      region: options.region,
      clock: options.clock ?? (() => new Date()),
      random: options.random ?? randomBytes,
    };
    this.#startedAt = this.#deps.clock();
  }

  get region(): string {
    return this.#deps.region;
  }

  /**
   * Deletes blobs that a crash left unreferenced: uploads that never committed
   * and blobs of replaced or deleted objects. Call once at startup; only blobs
   * queued before this service was constructed are touched, so uploads that
   * start meanwhile are safe. Returns how many blobs were deleted.
   */
  deleteOrphanBlobs(): Promise<number> {
    return deleteQueuedBlobs(this.#deps.database, this.#deps.blobs, this.#startedAt);
  }

  createBucket(caller: Principal, request: CreateBucketRequest): BucketRecord {
    return createBucket(this.#deps, caller, request);
  }

  headBucket(caller: Principal, bucket: string): BucketRecord {
    return headBucket(this.#deps, caller, bucket);
  }

  listBuckets(caller: Principal): { owner: Owner; buckets: BucketRecord[] } {
    return listBuckets(this.#deps, caller);
  }

  deleteBucket(caller: Principal, bucket: string): void {
    deleteBucket(this.#deps, caller, bucket);
  }

  getBucketLocation(caller: Principal, bucket: string): string {
    return getBucketLocation(this.#deps, caller, bucket);
  }

  putObject(caller: Principal, request: PutObjectRequest): Promise<PutObjectResult> {
    return putObject(this.#deps, caller, request);
  }

  copyObject(caller: Principal, request: CopyObjectRequest): Promise<CopyObjectResult> {
    return copyObject(this.#deps, caller, request);
  }

  /** Opens the whole object, or only `range` (inclusive byte offsets within the object). */
  getObject(caller: Principal, bucket: string, key: string, range?: PlaintextRange): Promise<GetObjectResult> {
    return getObject(this.#deps, caller, bucket, key, range);
  }

  headObject(caller: Principal, bucket: string, key: string, options?: HeadObjectOptions): Promise<ObjectDescription> {
    return headObject(this.#deps, caller, bucket, key, options);
  }

  deleteObject(caller: Principal, bucket: string, key: string): Promise<void> {
    return deleteObject(this.#deps, caller, bucket, key);
  }

  listObjects(caller: Principal, request: ListObjectsRequest): ListObjectsResult {
    return listObjects(this.#deps, caller, request);
  }

  listObjectsV2(caller: Principal, request: ListObjectsV2Request): ListObjectsV2Result {
    return listObjectsV2(this.#deps, caller, request);
  }

  createMultipartUpload(caller: Principal, request: CreateMultipartUploadRequest): Promise<CreateMultipartUploadResult> {
    return createMultipartUpload(this.#deps, caller, request);
  }

  uploadPart(caller: Principal, request: UploadPartRequest): Promise<UploadPartResult> {
    return uploadPart(this.#deps, caller, request);
  }

  uploadPartCopy(caller: Principal, request: UploadPartCopyRequest): Promise<UploadPartCopyResult> {
    return uploadPartCopy(this.#deps, caller, request);
  }

  completeMultipartUpload(caller: Principal, request: CompleteMultipartUploadRequest): Promise<CompleteMultipartUploadResult> {
    return completeMultipartUpload(this.#deps, caller, request);
  }

  abortMultipartUpload(caller: Principal, bucket: string, key: string, uploadId: string): Promise<void> {
    return abortMultipartUpload(this.#deps, caller, bucket, key, uploadId);
  }

  listParts(caller: Principal, request: ListPartsRequest): ListPartsResult {
    return listParts(this.#deps, caller, request);
  }

  listMultipartUploads(caller: Principal, request: ListMultipartUploadsRequest): ListMultipartUploadsResult {
    return listMultipartUploads(this.#deps, caller, request);
  }
}
