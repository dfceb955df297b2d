/**
 * @module Dependencies every KMS operation shares.
 */
import type { RootKeystore } from './root-keystores/root-keystore.js';
import type { KmsStore } from './kms-store.js';

export interface KmsRuntime {
  readonly store: KmsStore;
  readonly rootKeystore: RootKeystore;
  /** Region in the ARNs of new keys and aliases, and the only region accepted in ARNs. */
  readonly region: string;
  readonly clock: () => Date;
  /** Source of key material, data keys, IVs and key ids. */
  readonly random: (byteCount: number) => Buffer;
}
