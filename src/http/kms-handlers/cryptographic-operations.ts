/**
 * @module HTTP handlers for Encrypt, Decrypt, GenerateDataKey and GenerateDataKeyWithoutPlaintext.
 */
import type { CryptographicRequest, GenerateDataKeyRequest } from '../../kms/kms-api-types.js';
import type { KmsOperationHandler } from './kms-operation-handler.js';
import { optionalBlob, optionalBoolean, optionalEncryptionContext, optionalInteger, optionalString, optionalStringList, type JsonObject } from './request-fields.js';

export const cryptographicHandlers: Readonly<Record<string, KmsOperationHandler>> = {
  Encrypt: (kms, caller, input) =>
    kms.encrypt(caller, {
      ...cryptographicFields(input),
      KeyId: optionalString(input, 'KeyId') as string,
      Plaintext: optionalBlob(input, 'Plaintext') as Buffer,
      EncryptionAlgorithm: optionalString(input, 'EncryptionAlgorithm'),
    }),

  Decrypt: (kms, caller, input) =>
    kms.decrypt(caller, {
      ...cryptographicFields(input),
      CiphertextBlob: optionalBlob(input, 'CiphertextBlob') as Buffer,
      KeyId: optionalString(input, 'KeyId'),
      EncryptionAlgorithm: optionalString(input, 'EncryptionAlgorithm'),
    }),

  GenerateDataKey: (kms, caller, input) => kms.generateDataKey(caller, dataKeyRequest(input)),

  GenerateDataKeyWithoutPlaintext: (kms, caller, input) => kms.generateDataKeyWithoutPlaintext(caller, dataKeyRequest(input)),
};

function cryptographicFields(input: JsonObject): CryptographicRequest {
  return {
    EncryptionContext: optionalEncryptionContext(input, 'EncryptionContext'),
    GrantTokens: optionalStringList(input, 'GrantTokens'),
    DryRun: optionalBoolean(input, 'DryRun'),
  };
}

function dataKeyRequest(input: JsonObject): GenerateDataKeyRequest {
  return {
    ...cryptographicFields(input),
    KeyId: optionalString(input, 'KeyId') as string,
    KeySpec: optionalString(input, 'KeySpec'),
    NumberOfBytes: optionalInteger(input, 'NumberOfBytes'),
  };
}
