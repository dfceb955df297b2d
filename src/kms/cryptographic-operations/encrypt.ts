/**
 * @module Encrypt: up to 4096 bytes under a KMS key.
 */
import type { Principal } from '../../identity/principals.js';
import { authorizeKeyAction } from '../key-policies/authorize-key-action.js';
import { requireKeyId } from '../keys/key-operations.js';
import { resolveKey } from '../keys/resolve-key.js';
import type { EncryptRequest, EncryptResponse, ViaService } from '../kms-api-types.js';
import type { KmsRuntime } from '../kms-runtime.js';
import { ConstraintChecker } from '../request-validation.js';
import { IV_BYTES, sealCiphertextBlob } from './ciphertext-blob.js';
import { checkCryptographicFields, requireSymmetricAlgorithm } from './cryptographic-request.js';
import { finishDryRun, requireEnabled, unsealKeyMaterial } from './key-material.js';

export async function encrypt(runtime: KmsRuntime, caller: Principal, request: EncryptRequest, via: ViaService | undefined): Promise<EncryptResponse> {
  requireKeyId(request.KeyId);
  const checker = new ConstraintChecker();
  if (checker.required('plaintext', request.Plaintext)) {
    checker.byteLength('plaintext', request.Plaintext, 1, 4096);
  }
  checkCryptographicFields(checker, request);
  checker.throwIfInvalid();

  const key = resolveKey(runtime, caller, request.KeyId, { allowAlias: true, allowCrossAccount: true });
  authorizeKeyAction(runtime, key, { caller, action: 'kms:Encrypt', via, encryptionContext: request.EncryptionContext ?? {} });
  requireEnabled(key);
  requireSymmetricAlgorithm(key, request.EncryptionAlgorithm);
  finishDryRun(request.DryRun);

  const keyMaterial = unsealKeyMaterial(runtime, key);
  try {
    const ciphertextBlob = sealCiphertextBlob({
      keyMaterial,
      keyId: key.keyId,
      plaintext: request.Plaintext,
      encryptionContext: request.EncryptionContext,
      iv: runtime.random(IV_BYTES),
    });
    return { CiphertextBlob: ciphertextBlob, KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  } finally {
    keyMaterial.fill(0);
  }
}
