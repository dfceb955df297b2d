/**
 * @module Rows of multipart uploads in progress and of their parts.
 */
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';
import { encodeKey } from '../objects/object-records.js';
import type { ObjectChecksum, ObjectMetadata } from '../objects/object-metadata.js';
import type { SealedObjectKey, ServerSideEncryption } from '../server-side-encryption/object-key.js';

export interface UploadRecord {
  /** 128 random bits in hex; also the version id of the object the upload completes into. */
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiatedAt: Date;
  readonly initiatorArn: string;
  readonly initiatorPrincipalId: string;
  /** Account of the caller that created the upload. */
  readonly accountId: string;
  /** Headers and user metadata from CreateMultipartUpload, which the object gets. */
  readonly metadata: ObjectMetadata;
  /** The upload's data key, sealed as for an object whose version id is the upload id. */
  readonly sealedKey: SealedObjectKey;
}

export interface PartRecord {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly blobId: string;
  /** Plaintext size in bytes. */
  readonly size: number;
  /** Quoted MD5 hex of the part's plaintext. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly checksum?: ObjectChecksum;
}

interface UploadRow {
  upload_id: string;
  bucket_name: string;
  object_key: Buffer;
  initiated_at: string;
  initiator_arn: string;
  initiator_principal_id: string;
  account_id: string;
  metadata_json: string;
  sse_algorithm: string;
  kms_key_arn: string | null;
  kms_encryption_context: string | null;
  sealed_data_key: Buffer;
}

interface PartRow {
  upload_id: string;
  part_number: number;
  blob_id: string;
  size: number;
  etag: string;
  last_modified: string;
  checksum_json: string | null;
}

function toUploadRecord(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket_name,
    key: row.object_key.toString('utf8'),
    initiatedAt: new Date(row.initiated_at),
    initiatorArn: row.initiator_arn,
    initiatorPrincipalId: row.initiator_principal_id,
    accountId: row.account_id,
    metadata: JSON.parse(row.metadata_json) as ObjectMetadata,
    sealedKey: {
      algorithm: row.sse_algorithm as ServerSideEncryption,
      sealed: row.sealed_data_key,
      ...(row.kms_key_arn === null ? {} : { kmsKeyArn: row.kms_key_arn }),
      ...(row.kms_encryption_context === null
        ? {}
        : { kmsEncryptionContext: JSON.parse(row.kms_encryption_context) as Record<string, string> }),
    },
  };
}

function toPartRecord(row: PartRow): PartRecord {
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    blobId: row.blob_id,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    ...(row.checksum_json === null ? {} : { checksum: JSON.parse(row.checksum_json) as ObjectChecksum }),
  };
}

export function insertUpload(database: SqliteDatabase, record: UploadRecord): void {
  database
    .prepare(
      `INSERT INTO s3_multipart_uploads
        (upload_id, bucket_name, object_key, initiated_at, initiator_arn, initiator_principal_id, account_id,
         metadata_json, sse_algorithm, kms_key_arn, kms_encryption_context, sealed_data_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.uploadId,
      record.bucket,
      encodeKey(record.key),
      record.initiatedAt.toISOString(),
      record.initiatorArn,
      record.initiatorPrincipalId,
      record.accountId,
      JSON.stringify(record.metadata),
      record.sealedKey.algorithm,
      record.sealedKey.kmsKeyArn ?? null,
      record.sealedKey.kmsEncryptionContext === undefined ? null : JSON.stringify(record.sealedKey.kmsEncryptionContext),
      record.sealedKey.sealed,
    );
}

/** Finds the upload `uploadId` only if it was created for this bucket and key. */
export function findUpload(database: SqliteDatabase, bucket: string, key: string, uploadId: string): UploadRecord | undefined {
  const row = database
    .prepare('SELECT * FROM s3_multipart_uploads WHERE upload_id = ? AND bucket_name = ? AND object_key = ?')
    .get(uploadId, bucket, encodeKey(key)) as UploadRow | undefined;
  return row ? toUploadRecord(row) : undefined;
}

export function deleteUploadRow(database: SqliteDatabase, uploadId: string): void {
  database.prepare('DELETE FROM s3_multipart_uploads WHERE upload_id = ?').run(uploadId);
}

/** Returns every upload of `bucket` whose key starts with `prefix`, by key bytes, then initiation time. */
export function listUploadsOfBucket(database: SqliteDatabase, bucket: string, prefix: string): UploadRecord[] {
  const rows = database
    .prepare('SELECT * FROM s3_multipart_uploads WHERE bucket_name = ? AND object_key >= ? ORDER BY object_key, initiated_at, upload_id')
    .all(bucket, encodeKey(prefix)) as UploadRow[];
  return rows.map(toUploadRecord).filter((upload) => upload.key.startsWith(prefix));
}

/** Inserts or replaces a part and returns the part it replaced, if any. */
export function upsertPart(database: SqliteDatabase, part: PartRecord): PartRecord | undefined {
  const previous = findPart(database, part.uploadId, part.partNumber);
  database
    .prepare(
      `INSERT OR REPLACE INTO s3_parts (upload_id, part_number, blob_id, size, etag, last_modified, checksum_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      part.uploadId,
      part.partNumber,
      part.blobId,
      part.size,
      part.etag,
      part.lastModified.toISOString(),
      part.checksum === undefined ? null : JSON.stringify(part.checksum),
    );
  return previous;
}

export function findPart(database: SqliteDatabase, uploadId: string, partNumber: number): PartRecord | undefined {
  const row = database.prepare('SELECT * FROM s3_parts WHERE upload_id = ? AND part_number = ?').get(uploadId, partNumber) as PartRow | undefined;
  return row ? toPartRecord(row) : undefined;
}

/** Returns up to `limit` parts of an upload (or multipart object) numbered above `after`, in ascending order. */
export function listPartRows(database: SqliteDatabase, uploadId: string, after = 0, limit = -1): PartRecord[] {
  const rows = database
    .prepare('SELECT * FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
    .all(uploadId, after, limit) as PartRow[];
  return rows.map(toPartRecord);
}

export function deletePartRows(database: SqliteDatabase, uploadId: string, partNumbers?: readonly number[]): void {
  if (partNumbers === undefined) {
    database.prepare('DELETE FROM s3_parts WHERE upload_id = ?').run(uploadId);
    return;
  }
  const statement = database.prepare('DELETE FROM s3_parts WHERE upload_id = ? AND part_number = ?');
  for (const partNumber of partNumbers) {
    statement.run(uploadId, partNumber);
  }
}
