/**
 * @module Creation of a key record: a fresh key id and 256 bits of key
 * material, sealed under the root key and bound to the key's ARN.
 */
import type { KmsRuntime } from '../kms-runtime.js';
import type { KeyManager, KmsKeyRecord } from '../kms-store.js';
import { keyArn, uuidFromRandomBytes } from './key-identifiers.js';

const KEY_MATERIAL_BYTES = 32;

export interface NewKeyOptions {
  readonly accountId: string;
  readonly description: string;
  readonly keyManager: KeyManager;
  /** Policy text, already validated. */
  readonly policy: string;
}

/** Builds a record for a new enabled key. The caller stores it. */
export function newKeyRecord(runtime: KmsRuntime, options: NewKeyOptions): KmsKeyRecord {
  const keyId = uuidFromRandomBytes(runtime.random(16));
  const arn = keyArn(runtime.region, options.accountId, keyId);

  // The material exists in plaintext only for the moment it takes to seal it.
  const material = runtime.random(KEY_MATERIAL_BYTES);
  const sealedMaterial = runtime.rootKeystore.seal(material, Buffer.from(arn, 'utf8'));
  material.fill(0);

  return {
    keyId,
    accountId: options.accountId,
    arn,
    description: options.description,
    keyManager: options.keyManager,
    keyState: 'Enabled',
    policy: options.policy,
    sealedMaterial,
    createdAt: runtime.clock(),
  };
}
