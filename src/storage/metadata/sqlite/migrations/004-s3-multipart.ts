/**
 * Multipart uploads in progress, their parts, and the parts of completed
 * multipart objects.
 *
 * A completed multipart object keeps its `s3_objects` row shape: its
 * `version_id` is the upload id, its `blob_id` is empty, and
 * `multipart_part_count` says how many rows of `s3_parts` (under that upload
 * id) hold its data, in ascending part number order.
 */
export const s3MultipartSchema = `
ALTER TABLE s3_objects ADD COLUMN multipart_part_count INTEGER;

CREATE TABLE s3_multipart_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket_name TEXT NOT NULL REFERENCES s3_buckets(bucket_name),
  object_key BLOB NOT NULL,
  initiated_at TEXT NOT NULL,
  initiator_arn TEXT NOT NULL,
  initiator_principal_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  -- JSON: the stored headers and user metadata given to CreateMultipartUpload.
  metadata_json TEXT NOT NULL,
  sse_algorithm TEXT NOT NULL CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
  kms_key_arn TEXT,
  kms_encryption_context TEXT,
  -- The upload's data key, sealed as for a single PUT whose version id is the upload id.
  sealed_data_key BLOB NOT NULL
);

CREATE INDEX s3_multipart_uploads_by_key ON s3_multipart_uploads (bucket_name, object_key, initiated_at, upload_id);

-- Parts of uploads in progress and of completed multipart objects. No foreign
-- key to s3_multipart_uploads, because the upload row goes at completion while
-- the parts it kept stay for the object.
CREATE TABLE s3_parts (
  upload_id TEXT NOT NULL,
  part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
  blob_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  -- JSON of the part's x-amz-checksum-* value, when the client sent one.
  checksum_json TEXT,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;

-- S3 deletes a bucket even while uploads into it are in progress, and those
-- uploads go with it. Their part blobs join the cleanup queue, which the next
-- start empties.
CREATE TRIGGER s3_buckets_abort_uploads BEFORE DELETE ON s3_buckets
BEGIN
  INSERT OR REPLACE INTO s3_blob_cleanup (blob_id, queued_at)
    SELECT blob_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM s3_parts
    WHERE upload_id IN (SELECT upload_id FROM s3_multipart_uploads WHERE bucket_name = OLD.bucket_name);
  DELETE FROM s3_parts
    WHERE upload_id IN (SELECT upload_id FROM s3_multipart_uploads WHERE bucket_name = OLD.bucket_name);
  DELETE FROM s3_multipart_uploads WHERE bucket_name = OLD.bucket_name;
END;
`;
