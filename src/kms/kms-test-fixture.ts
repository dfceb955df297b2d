/**
 * @module A KmsService on a throwaway in-memory database, and principals, for unit tests.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rootArn, userArn, type Principal } from '../identity/principals.js';
import { openSqliteDatabase, type SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import { LocalFileRootKeystore } from './root-keystores/local-file-root-keystore.js';
import { KmsError, type KmsErrorType } from './kms-errors.js';
import { KmsService } from './kms-service.js';

export const ACCOUNT_ID = '111122223333';
export const OTHER_ACCOUNT_ID = '444455556666';
export const REGION = 'us-east-1';

export interface TestKms {
  readonly kms: KmsService;
  readonly database: SqliteDatabase;
}

export function createTestKms(): TestKms {
  const database = openSqliteDatabase(':memory:');
  const kms = new KmsService({ database, rootKeystore: new LocalFileRootKeystore(randomBytes(32)), region: REGION });
  return { kms, database };
}

export function rootPrincipal(accountId: string = ACCOUNT_ID): Principal {
  return { accountId, type: 'root', arn: rootArn(accountId), principalId: accountId, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
}

export function userPrincipal(userName: string, accountId: string = ACCOUNT_ID): Principal {
  return { accountId, type: 'user', arn: userArn(accountId, userName), principalId: `AIDA${userName.toUpperCase()}`, userName, accessKeyId: 'AKIAI44QH8DHBEXAMPLE' };
}

/** Builds an `assert.rejects` validator that checks the KMS error type and, if given, its message. */
export function expectKmsError(type: KmsErrorType, message?: string | RegExp): (error: unknown) => boolean {
  return (error: unknown): boolean => {
    assert.ok(error instanceof KmsError, `expected a KmsError, got ${String(error)}`);
    assert.equal(error.type, type, error.message);
    if (typeof message === 'string') {
      assert.equal(error.message, message);
    } else if (message) {
      assert.match(error.message, message);
    }
    return true;
  };
}
