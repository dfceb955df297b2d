/**
 * @module Checks and unsealing shared by the operations that use a key's material.
 */
import { RootKeyUnsealError } from '../root-keystores/root-keystore.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsKeyRecord } from '../kms-store.js';

/** Throws DisabledException, with AWS's message, for a disabled key. */
export function requireEnabled(key: KmsKeyRecord): void {
  if (key.keyState !== 'Enabled') {
    throw new KmsError('DisabledException', `${key.arn} is disabled.`);
  }
}

/**
 * Unseals a key's material. The caller must zero the returned buffer when done.
 * A failure means the database or root key file was altered, so it is reported
 * as an internal error rather than as a problem with the request.
 */
export function unsealKeyMaterial(runtime: KmsRuntime, key: KmsKeyRecord): Buffer {
  try {
    return runtime.rootKeystore.unseal(key.sealedMaterial, Buffer.from(key.arn, 'utf8'));
  } catch (error) {
    if (error instanceof RootKeyUnsealError) {
      throw new Error(`Key material of ${key.arn} failed to unseal under the root key`, { cause: error });
    }
    throw error;
  }
}

/** Throws DryRunOperationException, which is how AWS reports that a DryRun request would have succeeded. */
export function finishDryRun(dryRun: boolean | undefined): void {
  if (dryRun === true) {
    throw new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
  }
}
