/**
 * KMS keys, their tags and aliases. Key material is stored sealed under the
 * root key with the key ARN as associated data, so the ARN column must never
 * change once a key exists.
 */
export const kmsSchema = `
CREATE TABLE kms_keys (
  key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  key_usage TEXT NOT NULL CHECK (key_usage = 'ENCRYPT_DECRYPT'),
  key_spec TEXT NOT NULL CHECK (key_spec = 'SYMMETRIC_DEFAULT'),
  key_manager TEXT NOT NULL CHECK (key_manager IN ('CUSTOMER', 'AWS')),
  key_state TEXT NOT NULL CHECK (key_state IN ('Enabled', 'Disabled')),
  origin TEXT NOT NULL CHECK (origin = 'AWS_KMS'),
  policy TEXT NOT NULL,
  sealed_material BLOB NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX kms_keys_by_account ON kms_keys (account_id, key_id);

CREATE TABLE kms_key_tags (
  key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (key_id, tag_key)
);

CREATE TABLE kms_aliases (
  account_id TEXT NOT NULL,
  alias_name TEXT NOT NULL,
  target_key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, alias_name)
);

CREATE INDEX kms_aliases_by_target ON kms_aliases (target_key_id);
`;
