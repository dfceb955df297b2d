/**
 * @module The data key provider S3 uses for SSE-KMS: GenerateDataKey on PUT and
 * Decrypt on GET, called as the S3 service on the S3 caller's behalf, so key
 * policies see `kms:ViaService` = `s3.<region>.amazonaws.com`.
 */
import {
  DataKeyError,
  type DataKeyProvider,
  type DecryptDataKeyRequest,
  type DecryptedDataKey,
  type GeneratedDataKey,
  type GenerateDataKeyRequest,
} from '../s3/server-side-encryption/data-key-provider.js';
import { AWS_MANAGED_S3_ALIAS } from './keys/aws-managed-keys.js';
import { KmsError } from './kms-errors.js';
import type { KmsService } from './kms-service.js';

const VIA_S3 = { service: 's3' } as const;

export function createS3DataKeyProvider(kms: KmsService): DataKeyProvider {
  return {
    async generateDataKey(request: GenerateDataKeyRequest): Promise<GeneratedDataKey> {
      // Without a key id S3 uses the account's AWS managed key, made on first use.
      const keyId = request.keyId ?? AWS_MANAGED_S3_ALIAS;

      const response = await callKms(() =>
        kms.generateDataKey(request.caller, { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: request.encryptionContext }, VIA_S3),
      );
      return { keyArn: response.KeyId, plaintext: response.Plaintext, ciphertextBlob: response.CiphertextBlob };
    },

    async decryptDataKey(request: DecryptDataKeyRequest): Promise<DecryptedDataKey> {
      const response = await callKms(() => kms.decrypt(request.caller, { CiphertextBlob: request.ciphertextBlob, EncryptionContext: request.encryptionContext }, VIA_S3));
      return { keyArn: response.KeyId, plaintext: response.Plaintext };
    },
  };
}

/** Turns KMS errors into the DataKeyError S3 reports; other errors pass through. */
async function callKms<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof KmsError) {
      throw new DataKeyError(error.type, error.message);
    }
    throw error;
  }
}
