/**
 * @module Bucket rows in the metadata database, and the ownership check every
 * bucket-scoped operation starts with.
 */
import type { Principal } from '../../identity/principals.js';
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';
import { accessDenied, noSuchBucket } from '../s3-errors.js';

export interface BucketRecord {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly createdAt: Date;
}

interface BucketRow {
  bucket_name: string;
  account_id: string;
  region: string;
  created_at: string;
}

function toRecord(row: BucketRow): BucketRecord {
  return { name: row.bucket_name, accountId: row.account_id, region: row.region, createdAt: new Date(row.created_at) };
}

export function findBucket(database: SqliteDatabase, name: string): BucketRecord | undefined {
  const row = database.prepare('SELECT * FROM s3_buckets WHERE bucket_name = ?').get(name) as BucketRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function insertBucket(database: SqliteDatabase, record: BucketRecord): void {
  database
    .prepare('INSERT INTO s3_buckets (bucket_name, account_id, region, created_at) VALUES (?, ?, ?, ?)')
    .run(record.name, record.accountId, record.region, record.createdAt.toISOString());
}

export function listBucketsOfAccount(database: SqliteDatabase, accountId: string): BucketRecord[] {
  const rows = database.prepare('SELECT * FROM s3_buckets WHERE account_id = ? ORDER BY bucket_name').all(accountId) as BucketRow[];
  return rows.map(toRecord);
}

export function deleteBucketRow(database: SqliteDatabase, name: string): void {
  database.prepare('DELETE FROM s3_buckets WHERE bucket_name = ?').run(name);
}

export function bucketHasObjects(database: SqliteDatabase, name: string): boolean {
  return database.prepare('SELECT 1 FROM s3_objects WHERE bucket_name = ? LIMIT 1').get(name) !== undefined;
}

/**
 * Returns the bucket when `caller` may use it: NoSuchBucket (404) when it does
 * not exist, AccessDenied (403) when another account owns it.
 */
export function requireAccessibleBucket(database: SqliteDatabase, caller: Principal, name: string): BucketRecord {
  const bucket = findBucket(database, name);
  if (bucket === undefined) {
    throw noSuchBucket(name);
  }

  // TODO: bucket policies and IAM policies would decide here. Until they exist,
  // the owning account's root and every one of its users may use the bucket,
  // and no other account may.
  if (bucket.accountId !== caller.accountId) {
    throw accessDenied();
  }
  return bucket;
}
