/**
 * @module SQLite implementation of the identity store.
 */
import { randomInt } from 'node:crypto';
import type { SqliteDatabase } from './sqlite-database.js';
import type { RootKeystore } from '../../../kms/root-keystores/root-keystore.js';
import type { AccessKeyPair } from '../../../identity/access-keys.js';
import type { Credential } from '../../../identity/credentials.js';
import { IdentityError, isValidUserName, type IdentityStore, type User } from '../../../identity/identity-store.js';
import { rootArn, userArn, type Principal } from '../../../identity/principals.js';

const DEFAULT_ACCOUNT_SETTING = 'default_account_id';
const USER_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

interface UserRow {
  account_id: string;
  user_name: string;
  user_id: string;
  created_at: string;
}

interface AccessKeyRow {
  access_key_id: string;
  account_id: string;
  user_name: string | null;
  sealed_secret: Buffer;
  status: string;
  user_id: string | null;
}

export class SqliteIdentityStore implements IdentityStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly rootKeystore: RootKeystore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async ensureAccount(accountId: string): Promise<void> {
    this.database
      .prepare('INSERT INTO accounts (account_id, created_at) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING')
      .run(accountId, this.clock().toISOString());
  }

  async getDefaultAccountId(): Promise<string | undefined> {
    const row = this.database.prepare('SELECT value FROM settings WHERE name = ?').get(DEFAULT_ACCOUNT_SETTING) as { value: string } | undefined;
    return row?.value;
  }

  async setDefaultAccountId(accountId: string): Promise<void> {
    this.database
      .prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value')
      .run(DEFAULT_ACCOUNT_SETTING, accountId);
  }

  async createUser(accountId: string, userName: string): Promise<User> {
    if (!isValidUserName(userName)) {
      throw new IdentityError('ValidationError', `Invalid user name '${userName}': use 1 to 64 letters, digits and +=,.@_-`);
    }

    const row: UserRow = { account_id: accountId, user_name: userName, user_id: generateUserId(), created_at: this.clock().toISOString() };
    try {
      this.database
        .prepare('INSERT INTO users (account_id, user_name, user_id, created_at) VALUES (@account_id, @user_name, @user_id, @created_at)')
        .run(row);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new IdentityError('EntityAlreadyExists', `User with name ${userName} already exists.`);
      }
      throw error;
    }
    return toUser(row);
  }

  async listUsers(accountId: string): Promise<User[]> {
    const rows = this.database.prepare('SELECT * FROM users WHERE account_id = ? ORDER BY user_name').all(accountId) as UserRow[];
    return rows.map(toUser);
  }

  async putAccessKey(accountId: string, userName: string | undefined, pair: AccessKeyPair): Promise<void> {
    const existing = this.database.prepare('SELECT * FROM access_keys WHERE access_key_id = ?').get(pair.accessKeyId) as AccessKeyRow | undefined;
    if (existing) {
      const sameOwner = existing.account_id === accountId && existing.user_name === (userName ?? null);
      if (sameOwner && this.unsealSecret(existing) === pair.secretAccessKey) {
        return;
      }
      throw new IdentityError('EntityAlreadyExists', `Access key ${pair.accessKeyId} already exists with another owner or secret`);
    }

    if (userName !== undefined) {
      const user = this.database.prepare('SELECT 1 FROM users WHERE account_id = ? AND user_name = ?').get(accountId, userName);
      if (!user) {
        throw new IdentityError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
      }
    }

    const sealed = this.rootKeystore.seal(Buffer.from(pair.secretAccessKey, 'utf8'), sealingContext(pair.accessKeyId));
    this.database
      .prepare('INSERT INTO access_keys (access_key_id, account_id, user_name, sealed_secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(pair.accessKeyId, accountId, userName ?? null, sealed, 'Active', this.clock().toISOString());
  }

  readonly lookupCredential = async (accessKeyId: string): Promise<Credential | undefined> => {
    const row = this.database
      .prepare(
        `SELECT k.*, u.user_id FROM access_keys k
         LEFT JOIN users u ON u.account_id = k.account_id AND u.user_name = k.user_name
         WHERE k.access_key_id = ?`,
      )
      .get(accessKeyId) as AccessKeyRow | undefined;
    if (!row || row.status !== 'Active') {
      return undefined;
    }

    const principal: Principal =
      row.user_name === null
        ? { accountId: row.account_id, type: 'root', arn: rootArn(row.account_id), principalId: row.account_id, accessKeyId }
        : {
            accountId: row.account_id,
            type: 'user',
            arn: userArn(row.account_id, row.user_name),
            principalId: row.user_id ?? row.user_name,
            userName: row.user_name,
            accessKeyId,
          };
    return { principal, secretAccessKey: this.unsealSecret(row) };
  };

  private unsealSecret(row: AccessKeyRow): string {
    return this.rootKeystore.unseal(row.sealed_secret, sealingContext(row.access_key_id)).toString('utf8');
  }
}

/** Binds a sealed secret to its key id, so a secret copied to another row fails to unseal. */
function sealingContext(accessKeyId: string): Buffer {
  return Buffer.from(`strongroom:access-key:${accessKeyId}`, 'utf8');
}

function toUser(row: UserRow): User {
  return {
    accountId: row.account_id,
    userName: row.user_name,
    userId: row.user_id,
    arn: userArn(row.account_id, row.user_name),
    createdAt: new Date(row.created_at),
  };
}

function generateUserId(): string {
  let id = 'AIDA';
  for (let i = 0; i < 17; i += 1) {
    id += USER_ID_ALPHABET[randomInt(USER_ID_ALPHABET.length)];
  }
  return id;
}
