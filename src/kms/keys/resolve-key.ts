/**
 * @module Finding the key a KeyId parameter names, with the NotFoundException
 * messages AWS KMS sends for each form that names nothing.
 */
import type { Principal } from '../../identity/principals.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsKeyRecord } from '../kms-store.js';
import { findOrCreateAwsManagedKey } from './aws-managed-keys.js';
import { aliasArn, keyArn, parseKeyReference } from './key-identifiers.js';

export interface ResolveKeyOptions {
  /** Whether alias names and alias ARNs are accepted, as in Encrypt and DescribeKey. */
  readonly allowAlias: boolean;
  /**
   * Whether a key ARN or alias ARN may name a key of another account. AWS allows
   * that for the cryptographic operations and DescribeKey; the key policy then
   * decides. Key ids and alias names always refer to the caller's account.
   */
  readonly allowCrossAccount: boolean;
}

export function resolveKey(runtime: KmsRuntime, caller: Principal, keyId: string, options: ResolveKeyOptions): KmsKeyRecord {
  const reference = parseKeyReference(keyId);
  const invalid = new KmsError('NotFoundException', `Invalid keyId '${keyId}'`);

  switch (reference.kind) {
    case 'invalid':
      throw invalid;

    case 'key-id':
      return findKeyInAccount(runtime, caller.accountId, reference.keyId);

    case 'key-arn':
      checkArnScope(runtime, caller, reference.region, reference.accountId, options, `Key '${keyArn(reference.region, reference.accountId, reference.keyId)}' does not exist`);
      return findKeyInAccount(runtime, reference.accountId, reference.keyId);

    case 'alias-name':
      if (!options.allowAlias) {
        throw invalid;
      }
      return findAliasTarget(runtime, caller.accountId, reference.aliasName, caller.accountId);

    case 'alias-arn':
      if (!options.allowAlias) {
        throw invalid;
      }
      checkArnScope(runtime, caller, reference.region, reference.accountId, options, `Alias ${aliasArn(reference.region, reference.accountId, reference.aliasName)} is not found.`);
      return findAliasTarget(runtime, reference.accountId, reference.aliasName, caller.accountId);
  }
}

/** Rejects ARNs of another region, and of another account unless the operation allows that. */
function checkArnScope(runtime: KmsRuntime, caller: Principal, region: string, accountId: string, options: ResolveKeyOptions, notFoundMessage: string): void {
  if (region !== runtime.region) {
    throw new KmsError('NotFoundException', `Invalid arn ${region}`);
  }
  if (accountId !== caller.accountId && !options.allowCrossAccount) {
    throw new KmsError('NotFoundException', notFoundMessage);
  }
}

function findKeyInAccount(runtime: KmsRuntime, accountId: string, keyId: string): KmsKeyRecord {
  const key = runtime.store.findKey(keyId);
  if (!key || key.accountId !== accountId) {
    throw new KmsError('NotFoundException', `Key '${keyArn(runtime.region, accountId, keyId)}' does not exist`);
  }
  return key;
}

function findAliasTarget(runtime: KmsRuntime, accountId: string, aliasName: string, callerAccountId: string): KmsKeyRecord {
  const alias = runtime.store.findAlias(accountId, aliasName);
  if (alias) {
    const key = runtime.store.findKey(alias.targetKeyId);
    if (key) {
      return key;
    }
  }

  // AWS creates an account's managed keys on first use, also when a request
  // names them directly, but never on behalf of another account.
  if (accountId === callerAccountId) {
    const managedKey = findOrCreateAwsManagedKey(runtime, accountId, aliasName);
    if (managedKey) {
      return managedKey;
    }
  }

  throw new KmsError('NotFoundException', `Alias ${aliasArn(runtime.region, accountId, aliasName)} is not found.`);
}
