/** Accounts, users and access keys. Secrets are stored sealed under the root key. */
export const identitySchema = `
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  user_name TEXT NOT NULL,
  user_id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, user_name)
);

CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  user_name TEXT,
  sealed_secret BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  created_at TEXT NOT NULL,
  FOREIGN KEY (account_id, user_name) REFERENCES users(account_id, user_name)
);
`;
