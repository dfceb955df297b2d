/**
 * @module GenerateDataKey and GenerateDataKeyWithoutPlaintext: a random data
 * key, returned encrypted under a KMS key and, for the first, also in plaintext.
 */
import type { Principal } from '../../identity/principals.js';
import { authorizeKeyAction } from '../key-policies/authorize-key-action.js';
import { requireKeyId } from '../keys/key-operations.js';
import { resolveKey } from '../keys/resolve-key.js';
import type { GenerateDataKeyRequest, GenerateDataKeyResponse, GenerateDataKeyWithoutPlaintextResponse, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import { ConstraintChecker } from '../request-validation.js';
import { IV_BYTES, sealCiphertextBlob } from './ciphertext-blob.js';
import { checkCryptographicFields } from './cryptographic-request.js';
import { finishDryRun, requireEnabled, unsealKeyMaterial } from './key-material.js';

const KEY_SPEC_BYTES: Readonly<Record<string, number>> = { AES_256: 32, AES_128: 16 };

export async function generateDataKey(runtime: KmsRuntime, caller: Principal, request: GenerateDataKeyRequest, via: ViaService | undefined): Promise<GenerateDataKeyResponse> {
  return generate(runtime, caller, request, via, 'kms:GenerateDataKey');
}

export async function generateDataKeyWithoutPlaintext(
  runtime: KmsRuntime,
  caller: Principal,
  request: GenerateDataKeyRequest,
  via: ViaService | undefined,
): Promise<GenerateDataKeyWithoutPlaintextResponse> {
  const { CiphertextBlob, KeyId, Plaintext } = await generate(runtime, caller, request, via, 'kms:GenerateDataKeyWithoutPlaintext');
  Plaintext.fill(0);
  return { CiphertextBlob, KeyId };
}

async function generate(runtime: KmsRuntime, caller: Principal, request: GenerateDataKeyRequest, via: ViaService | undefined, action: string): Promise<GenerateDataKeyResponse> {
  requireKeyId(request.KeyId);
  const checker = new ConstraintChecker();
  checker.oneOf('keySpec', request.KeySpec, Object.keys(KEY_SPEC_BYTES));
  checker.integerRange('numberOfBytes', request.NumberOfBytes, 1, 1024);
  checkCryptographicFields(checker, request);
  checker.throwIfInvalid();

  if ((request.KeySpec === undefined) === (request.NumberOfBytes === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  const byteCount = request.NumberOfBytes ?? KEY_SPEC_BYTES[request.KeySpec!]!;

  const key = resolveKey(runtime, caller, request.KeyId, { allowAlias: true, allowCrossAccount: true });
  authorizeKeyAction(runtime, key, { caller, action, via, encryptionContext: request.EncryptionContext ?? {} });
  requireEnabled(key);
  finishDryRun(request.DryRun);

  const keyMaterial = unsealKeyMaterial(runtime, key);
  try {
    const dataKey = runtime.random(byteCount);
    const ciphertextBlob = sealCiphertextBlob({
      keyMaterial,
      keyId: key.keyId,
      plaintext: dataKey,
      encryptionContext: request.EncryptionContext,
      iv: runtime.random(IV_BYTES),
    });
    return { CiphertextBlob: ciphertextBlob, Plaintext: dataKey, KeyId: key.arn };
  } finally {
    keyMaterial.fill(0);
  }
}
