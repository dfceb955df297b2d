/**
 * @module AWS managed keys: keys KMS creates for a service in each account on
 * first use, named by a reserved `alias/aws/<service>` alias.
 */
import { awsManagedS3KeyPolicy } from '../key-policies/default-key-policies.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsKeyRecord } from '../kms-store.js';
import { newKeyRecord } from './new-key.js';

export const AWS_MANAGED_S3_ALIAS = 'alias/aws/s3';

const S3_KEY_DESCRIPTION = 'Default key that protects my S3 objects when no other key is defined';

// S3 is the only service here that uses KMS, so `alias/aws/s3` is the only
// managed key. A service that starts using KMS adds its entry.
const MANAGED_KEYS: ReadonlyMap<string, { description: string; policy: (accountId: string, region: string) => string }> = new Map([
  [AWS_MANAGED_S3_ALIAS, { description: S3_KEY_DESCRIPTION, policy: awsManagedS3KeyPolicy }],
]);

/**
 * Returns the account's key for a managed alias, creating key and alias
 * together when missing. Returns undefined when `aliasName` names no managed
 * key. Concurrent first uses, even from other processes, create one key.
 */
export function findOrCreateAwsManagedKey(runtime: KmsRuntime, accountId: string, aliasName: string): KmsKeyRecord | undefined {
  const template = MANAGED_KEYS.get(aliasName);
  if (!template) {
    return undefined;
  }

  return runtime.store.inTransaction(() => {
    const existing = runtime.store.findAlias(accountId, aliasName);
    if (existing) {
      return runtime.store.findKey(existing.targetKeyId);
    }

    const key = newKeyRecord(runtime, {
      accountId,
      description: template.description,
      keyManager: 'AWS',
      policy: template.policy(accountId, runtime.region),
    });
    runtime.store.insertKey(key, []);
    runtime.store.insertAlias({ accountId, aliasName, targetKeyId: key.keyId, createdAt: key.createdAt, updatedAt: key.createdAt });
    return key;
  });
}
