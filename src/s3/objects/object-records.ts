/**
 * @module Object rows in the metadata database.
 */
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';
import type { SealedObjectKey, ServerSideEncryption } from '../server-side-encryption/object-key.js';
import { queueBlob } from './blob-cleanup.js';
import type { ObjectMetadata } from './object-metadata.js';

export interface ObjectRecord {
  readonly bucket: string;
  readonly key: string;
  /** Random id of this stored version; binds the encrypted data and sealed key to the row. */
  readonly versionId: string;
  /** Blob of a single-PUT object. It is empty for a multipart object, whose parts contain the data. */
  readonly blobId: string;
  /**
   * Number of parts of an object made by CompleteMultipartUpload; undefined for
   * a single PUT. The parts are the `s3_parts` rows whose upload id is `versionId`.
   */
  readonly partCount?: number;
  /** Plaintext size in bytes. */
  readonly size: number;
  /** Quoted MD5 hex of the plaintext, or `"<hex>-<part count>"` for a multipart object, as sent in the ETag header. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly metadata: ObjectMetadata;
  readonly sealedKey: SealedObjectKey;
}

interface ObjectRow {
  bucket_name: string;
  object_key: Buffer;
  version_id: string;
  blob_id: string;
  size: number;
  etag: string;
  last_modified: string;
  metadata_json: string;
  sse_algorithm: string;
  kms_key_arn: string | null;
  kms_encryption_context: string | null;
  sealed_data_key: Buffer;
  multipart_part_count: number | null;
}

/** Encodes a key as its UTF-8 bytes, so SQLite orders stored keys bytewise. */
export function encodeKey(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

export function toObjectRecord(row: ObjectRow): ObjectRecord {
  const sealedKey: SealedObjectKey = {
    algorithm: row.sse_algorithm as ServerSideEncryption,
    sealed: row.sealed_data_key,
    ...(row.kms_key_arn === null ? {} : { kmsKeyArn: row.kms_key_arn }),
    ...(row.kms_encryption_context === null ? {} : { kmsEncryptionContext: JSON.parse(row.kms_encryption_context) as Record<string, string> }),
  };
  return {
    bucket: row.bucket_name,
    key: row.object_key.toString('utf8'),
    versionId: row.version_id,
    blobId: row.blob_id,
    ...(row.multipart_part_count === null ? {} : { partCount: row.multipart_part_count }),
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    metadata: JSON.parse(row.metadata_json) as ObjectMetadata,
    sealedKey,
  };
}

export function findObject(database: SqliteDatabase, bucket: string, key: string): ObjectRecord | undefined {
  const row = database.prepare('SELECT * FROM s3_objects WHERE bucket_name = ? AND object_key = ?').get(bucket, encodeKey(key)) as ObjectRow | undefined;
  return row ? toObjectRecord(row) : undefined;
}

/** Inserts or replaces the row for `record.key`. */
export function upsertObject(database: SqliteDatabase, record: ObjectRecord): void {
  database
    .prepare(
      `INSERT OR REPLACE INTO s3_objects
        (bucket_name, object_key, version_id, blob_id, size, etag, last_modified, metadata_json,
         sse_algorithm, kms_key_arn, kms_encryption_context, sealed_data_key, multipart_part_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.bucket,
      encodeKey(record.key),
      record.versionId,
      record.blobId,
      record.size,
      record.etag,
      record.lastModified.toISOString(),
      JSON.stringify(record.metadata),
      record.sealedKey.algorithm,
      record.sealedKey.kmsKeyArn ?? null,
      record.sealedKey.kmsEncryptionContext === undefined ? null : JSON.stringify(record.sealedKey.kmsEncryptionContext),
      record.sealedKey.sealed,
      record.partCount ?? null,
    );
}

/**
 * Moves every blob of `record` to the cleanup queue and drops its part rows,
 * for an object that is being replaced or deleted. Call inside the transaction
 * that removes or replaces the row. Returns the queued blob ids.
 */
export function releaseObjectBlobs(database: SqliteDatabase, record: ObjectRecord, now: Date): string[] {
  if (record.partCount === undefined) {
    queueBlob(database, record.blobId, now);
    return [record.blobId];
  }

  const rows = database.prepare('SELECT blob_id FROM s3_parts WHERE upload_id = ?').all(record.versionId) as Array<{ blob_id: string }>;
  const blobIds = rows.map((row) => row.blob_id);
  for (const blobId of blobIds) {
    queueBlob(database, blobId, now);
  }
  database.prepare('DELETE FROM s3_parts WHERE upload_id = ?').run(record.versionId);
  return blobIds;
}

export function deleteObjectRow(database: SqliteDatabase, bucket: string, key: string): void {
  database.prepare('DELETE FROM s3_objects WHERE bucket_name = ? AND object_key = ?').run(bucket, encodeKey(key));
}

/**
 * Returns up to `limit` rows of `bucket` in byte order of their keys, starting
 * at the first key that is at least `from` (or greater, when `exclusive`) and
 * below `below` when given.
 */
export function scanObjects(
  database: SqliteDatabase,
  bucket: string,
  range: { from: Buffer; exclusive: boolean; below: Buffer | undefined },
  limit: number,
): ObjectRecord[] {
  const lower = range.exclusive ? 'object_key > ?' : 'object_key >= ?';
  const upper = range.below === undefined ? '' : ' AND object_key < ?';
  const parameters: unknown[] = [bucket, range.from];
  if (range.below !== undefined) {
    parameters.push(range.below);
  }
  parameters.push(limit);

  const rows = database
    .prepare(`SELECT * FROM s3_objects WHERE bucket_name = ? AND ${lower}${upper} ORDER BY object_key LIMIT ?`)
    .all(...parameters) as ObjectRow[];
  return rows.map(toObjectRecord);
}
