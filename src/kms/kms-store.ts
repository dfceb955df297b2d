/**
 * @module SQLite persistence for KMS keys, tags and aliases. Plain data access:
 * authorization and validation happen in the operations that call it.
 */
import type { SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import type { Tag } from './kms-api-types.js';

export type KeyManager = 'CUSTOMER' | 'AWS';
export type KeyState = 'Enabled' | 'Disabled';

export interface KmsKeyRecord {
  readonly keyId: string;
  readonly accountId: string;
  /** ARN fixed at creation; it is also the associated data that binds the sealed material. */
  readonly arn: string;
  readonly description: string;
  readonly keyManager: KeyManager;
  readonly keyState: KeyState;
  readonly policy: string;
  /** Key material sealed by the root keystore. */
  readonly sealedMaterial: Buffer;
  readonly createdAt: Date;
}

export interface KmsAliasRecord {
  readonly accountId: string;
  readonly aliasName: string;
  readonly targetKeyId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface KeyRow {
  key_id: string;
  account_id: string;
  arn: string;
  description: string;
  key_manager: KeyManager;
  key_state: KeyState;
  policy: string;
  sealed_material: Buffer;
  created_at: string;
}

interface AliasRow {
  account_id: string;
  alias_name: string;
  target_key_id: string;
  created_at: string;
  updated_at: string;
}

export class KmsStore {
  constructor(private readonly database: SqliteDatabase) {}

  /**
   * Runs `work` in one write transaction. BEGIN IMMEDIATE takes the write lock
   * first, so a check-then-insert inside cannot race another process.
   */
  inTransaction<T>(work: () => T): T {
    return this.database.transaction(work).immediate();
  }

  insertKey(key: KmsKeyRecord, tags: readonly Tag[]): void {
    this.inTransaction(() => {
      this.database
        .prepare(
          `INSERT INTO kms_keys (key_id, account_id, arn, description, key_usage, key_spec, key_manager, key_state, origin, policy, sealed_material, created_at)
           VALUES (?, ?, ?, ?, 'ENCRYPT_DECRYPT', 'SYMMETRIC_DEFAULT', ?, ?, 'AWS_KMS', ?, ?, ?)`,
        )
        .run(key.keyId, key.accountId, key.arn, key.description, key.keyManager, key.keyState, key.policy, key.sealedMaterial, key.createdAt.toISOString());

      const insertTag = this.database.prepare('INSERT INTO kms_key_tags (key_id, tag_key, tag_value) VALUES (?, ?, ?)');
      for (const tag of tags) {
        insertTag.run(key.keyId, tag.TagKey, tag.TagValue);
      }
    });
  }

  /** Finds a key by id in any account; callers check the account. */
  findKey(keyId: string): KmsKeyRecord | undefined {
    const row = this.database.prepare('SELECT * FROM kms_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    return row && toKeyRecord(row);
  }

  /** Lists an account's keys in key id order, starting after `afterKeyId`. */
  listKeys(accountId: string, afterKeyId: string | undefined, limit: number): KmsKeyRecord[] {
    const rows = this.database
      .prepare('SELECT * FROM kms_keys WHERE account_id = ? AND key_id > ? ORDER BY key_id LIMIT ?')
      .all(accountId, afterKeyId ?? '', limit) as KeyRow[];
    return rows.map(toKeyRecord);
  }

  setKeyState(keyId: string, state: KeyState): void {
    this.database.prepare('UPDATE kms_keys SET key_state = ? WHERE key_id = ?').run(state, keyId);
  }

  setKeyPolicy(keyId: string, policy: string): void {
    this.database.prepare('UPDATE kms_keys SET policy = ? WHERE key_id = ?').run(policy, keyId);
  }

  listTags(keyId: string): Tag[] {
    const rows = this.database.prepare('SELECT tag_key, tag_value FROM kms_key_tags WHERE key_id = ? ORDER BY tag_key').all(keyId) as Array<{ tag_key: string; tag_value: string }>;
    return rows.map((row) => ({ TagKey: row.tag_key, TagValue: row.tag_value }));
  }

  findAlias(accountId: string, aliasName: string): KmsAliasRecord | undefined {
    const row = this.database.prepare('SELECT * FROM kms_aliases WHERE account_id = ? AND alias_name = ?').get(accountId, aliasName) as AliasRow | undefined;
    return row && toAliasRecord(row);
  }

  /** Inserts an alias. Returns false, changing nothing, when the name is taken in that account. */
  insertAlias(alias: KmsAliasRecord): boolean {
    const result = this.database
      .prepare(
        `INSERT INTO kms_aliases (account_id, alias_name, target_key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, alias_name) DO NOTHING`,
      )
      .run(alias.accountId, alias.aliasName, alias.targetKeyId, alias.createdAt.toISOString(), alias.updatedAt.toISOString());
    return result.changes === 1;
  }

  updateAliasTarget(accountId: string, aliasName: string, targetKeyId: string, updatedAt: Date): void {
    this.database
      .prepare('UPDATE kms_aliases SET target_key_id = ?, updated_at = ? WHERE account_id = ? AND alias_name = ?')
      .run(targetKeyId, updatedAt.toISOString(), accountId, aliasName);
  }

  deleteAlias(accountId: string, aliasName: string): void {
    this.database.prepare('DELETE FROM kms_aliases WHERE account_id = ? AND alias_name = ?').run(accountId, aliasName);
  }

  /** Lists an account's aliases in name order after `afterName`, optionally only those of one key. */
  listAliases(accountId: string, targetKeyId: string | undefined, afterName: string | undefined, limit: number): KmsAliasRecord[] {
    const rows = this.database
      .prepare(
        `SELECT * FROM kms_aliases
         WHERE account_id = ? AND (? IS NULL OR target_key_id = ?) AND alias_name > ?
         ORDER BY alias_name LIMIT ?`,
      )
      .all(accountId, targetKeyId ?? null, targetKeyId ?? null, afterName ?? '', limit) as AliasRow[];
    return rows.map(toAliasRecord);
  }
}

function toKeyRecord(row: KeyRow): KmsKeyRecord {
  return {
    keyId: row.key_id,
    accountId: row.account_id,
    arn: row.arn,
    description: row.description,
    keyManager: row.key_manager,
    keyState: row.key_state,
    policy: row.policy,
    sealedMaterial: row.sealed_material,
    createdAt: new Date(row.created_at),
  };
}

function toAliasRecord(row: AliasRow): KmsAliasRecord {
  return {
    accountId: row.account_id,
    aliasName: row.alias_name,
    targetKeyId: row.target_key_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
