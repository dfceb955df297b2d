/**
 * Buckets, objects and the queue of blobs waiting to be deleted.
 *
 * Object keys are stored as BLOBs of their UTF-8 bytes because SQLite compares
 * BLOBs with memcmp, which gives the UTF-8 byte order that S3 lists keys in.
 */
export const s3Schema = `
CREATE TABLE s3_buckets (
  bucket_name TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  region TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX s3_buckets_by_account ON s3_buckets (account_id, bucket_name);

CREATE TABLE s3_objects (
  bucket_name TEXT NOT NULL REFERENCES s3_buckets(bucket_name),
  object_key BLOB NOT NULL,
  version_id TEXT NOT NULL,
  blob_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  -- JSON: Content-Type and the other stored headers, user metadata, checksum.
  metadata_json TEXT NOT NULL,
  sse_algorithm TEXT NOT NULL CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
  kms_key_arn TEXT,
  -- JSON of the full encryption context given to KMS (aws:kms only).
  kms_encryption_context TEXT,
  -- aws:kms: the KMS ciphertext blob of the data key; AES256: the data key sealed by the root keystore.
  sealed_data_key BLOB NOT NULL,
  PRIMARY KEY (bucket_name, object_key)
) WITHOUT ROWID;

-- Blobs that no object row references: uploads that have not committed yet and
-- blobs of replaced or deleted objects. Rows older than the server's start are
-- leftovers of a crash, and their blobs are deleted at startup.
CREATE TABLE s3_blob_cleanup (
  blob_id TEXT PRIMARY KEY,
  queued_at TEXT NOT NULL
);
`;
