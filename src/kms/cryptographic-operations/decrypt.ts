/**
 * @module Decrypt: the ciphertext names its key, so KeyId is optional; when
 * given it must name that same key.
 */
import type { Principal } from '../../identity/principals.js';
import { authorizeKeyAction } from '../key-policies/authorize-key-action.js';
import { resolveKey } from '../keys/resolve-key.js';
import type { DecryptRequest, DecryptResponse, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsKeyRecord } from '../kms-store.js';
import { ConstraintChecker } from '../request-validation.js';
import { invalidCiphertext, openCiphertextBlob, readCiphertextKeyId } from './ciphertext-blob.js';
import { checkCryptographicFields, requireSymmetricAlgorithm } from './cryptographic-request.js';
import { finishDryRun, requireEnabled, unsealKeyMaterial } from './key-material.js';

export async function decrypt(runtime: KmsRuntime, caller: Principal, request: DecryptRequest, via: ViaService | undefined): Promise<DecryptResponse> {
  const checker = new ConstraintChecker();
  if (checker.required('ciphertextBlob', request.CiphertextBlob)) {
    checker.byteLength('ciphertextBlob', request.CiphertextBlob, 1, 6144);
  }
  checker.stringLength('keyId', request.KeyId, 1, 2048);
  checkCryptographicFields(checker, request);
  checker.throwIfInvalid();

  const blobKeyId = readCiphertextKeyId(request.CiphertextBlob);
  const key = request.KeyId === undefined ? findBlobKey(runtime, blobKeyId) : findRequestedKey(runtime, caller, request.KeyId, blobKeyId);

  authorizeKeyAction(runtime, key, { caller, action: 'kms:Decrypt', via, encryptionContext: request.EncryptionContext ?? {} });
  requireEnabled(key);
  requireSymmetricAlgorithm(key, request.EncryptionAlgorithm);
  finishDryRun(request.DryRun);

  const keyMaterial = unsealKeyMaterial(runtime, key);
  try {
    const plaintext = openCiphertextBlob(keyMaterial, request.CiphertextBlob, request.EncryptionContext);
    return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  } finally {
    keyMaterial.fill(0);
  }
}

/**
 * Keys are never deleted here, so a blob naming an unknown key was altered or
 * made by another server: report it as an invalid ciphertext.
 */
function findBlobKey(runtime: KmsRuntime, blobKeyId: string): KmsKeyRecord {
  const key = runtime.store.findKey(blobKeyId);
  if (!key) {
    throw invalidCiphertext();
  }
  return key;
}

function findRequestedKey(runtime: KmsRuntime, caller: Principal, keyId: string, blobKeyId: string): KmsKeyRecord {
  const key = resolveKey(runtime, caller, keyId, { allowAlias: true, allowCrossAccount: true });
  if (key.keyId !== blobKeyId) {
    throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  }
  return key;
}
