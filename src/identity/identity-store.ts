/**
 * @module Identity store: accounts, users and their access keys.
 */
import type { AccessKeyPair } from './access-keys.js';
import type { CredentialLookup } from './credentials.js';

export interface User {
  readonly accountId: string;
  readonly userName: string;
  /** Stable unique id in AWS's shape (`AIDA...`). */
  readonly userId: string;
  readonly arn: string;
  readonly createdAt: Date;
}

export interface IdentityStore {
  /** Creates the account unless it exists. */
  ensureAccount(accountId: string): Promise<void>;

  /** Returns the stored default account id, or undefined before first start. */
  getDefaultAccountId(): Promise<string | undefined>;
  setDefaultAccountId(accountId: string): Promise<void>;

  /** Throws {@link IdentityError} `EntityAlreadyExists` when the name is taken in that account. */
  createUser(accountId: string, userName: string): Promise<User>;
  listUsers(accountId: string): Promise<User[]>;

  /**
   * Stores an access key for a user, or for the account root when `userName` is
   * undefined. Storing the same pair again is a no-op; the same id with another
   * owner or secret throws {@link IdentityError} `EntityAlreadyExists`.
   */
  putAccessKey(accountId: string, userName: string | undefined, pair: AccessKeyPair): Promise<void>;

  readonly lookupCredential: CredentialLookup;
}

export class IdentityError extends Error {
  constructor(
    readonly code: 'EntityAlreadyExists' | 'NoSuchEntity' | 'ValidationError',
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

const USER_NAME = /^[\w+=,.@-]{1,64}$/;

export function isValidUserName(value: string): boolean {
  return USER_NAME.test(value);
}
