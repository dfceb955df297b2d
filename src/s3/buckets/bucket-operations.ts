/**
 * @module CreateBucket, HeadBucket, ListBuckets, DeleteBucket and GetBucketLocation.
 */
import type { Principal } from '../../identity/principals.js';
import { S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { assertValidBucketName } from './bucket-name.js';
import {
  bucketHasObjects,
  deleteBucketRow,
  findBucket,
  insertBucket,
  listBucketsOfAccount,
  requireAccessibleBucket,
  type BucketRecord,
} from './bucket-records.js';
import { ownerOfAccount, type Owner } from './owner.js';

export interface CreateBucketRequest {
  readonly bucket: string;
  /** `LocationConstraint` from the request body; undefined or empty means the server's region. */
  readonly locationConstraint?: string;
}

export function createBucket(deps: S3Dependencies, caller: Principal, request: CreateBucketRequest): BucketRecord {
  assertValidBucketName(request.bucket);

  // Differs from AWS: S3 in us-east-1 rejects an explicit `us-east-1`
  // constraint; this server accepts its own region in every case.
  const constraint = request.locationConstraint;
  if (constraint !== undefined && constraint !== '' && constraint !== deps.region) {
    throw new S3Error('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  }

  const record: BucketRecord = { name: request.bucket, accountId: caller.accountId, region: deps.region, createdAt: deps.clock() };
  deps.database.transaction(() => {
    const existing = findBucket(deps.database, request.bucket);
    if (existing !== undefined) {
      // Differs from AWS: S3 in us-east-1 returns 200 when the owner re-creates
      // a bucket. Every other region, and this server, return 409.
      if (existing.accountId === caller.accountId) {
        throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', {
          BucketName: request.bucket,
        });
      }
      throw new S3Error('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', {
        BucketName: request.bucket,
      });
    }
    insertBucket(deps.database, record);
  }).immediate();
  return record;
}

export function headBucket(deps: S3Dependencies, caller: Principal, bucket: string): BucketRecord {
  return requireAccessibleBucket(deps.database, caller, bucket);
}

export function listBuckets(deps: S3Dependencies, caller: Principal): { owner: Owner; buckets: BucketRecord[] } {
  return { owner: ownerOfAccount(caller.accountId), buckets: listBucketsOfAccount(deps.database, caller.accountId) };
}

export function deleteBucket(deps: S3Dependencies, caller: Principal, bucket: string): void {
  deps.database.transaction(() => {
    requireAccessibleBucket(deps.database, caller, bucket);
    if (bucketHasObjects(deps.database, bucket)) {
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: bucket });
    }
    deleteBucketRow(deps.database, bucket);
  }).immediate();
}

/** Returns the bucket's LocationConstraint: empty for us-east-1, as S3 reports it. */
export function getBucketLocation(deps: S3Dependencies, caller: Principal, bucket: string): string {
  const record = requireAccessibleBucket(deps.database, caller, bucket);
  return record.region === 'us-east-1' ? '' : record.region;
}
