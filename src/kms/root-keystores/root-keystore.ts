/**
 * @module Root keystore: the one key that wraps every other secret at rest.
 *
 * KMS key material, SSE-S3 object keys and stored secret access keys are sealed
 * under the root key, so a copy of the metadata database alone reveals nothing.
 */

export interface RootKeystore {
  /**
   * Encrypts and authenticates `plaintext`, binding it to `associatedData` (for
   * example the ARN of the key the material belongs to), so a sealed value copied
   * to another record fails to unseal.
   */
  seal(plaintext: Uint8Array, associatedData: Uint8Array): Buffer;

  /** Reverses {@link seal}. Throws {@link RootKeyUnsealError} when the value or its binding was altered. */
  unseal(sealed: Uint8Array, associatedData: Uint8Array): Buffer;
}

export class RootKeyUnsealError extends Error {
  constructor() {
    super('Sealed value failed authentication under the root key');
    this.name = 'RootKeyUnsealError';
  }
}
