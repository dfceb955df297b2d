/**
 * @module Validation shared by Encrypt, Decrypt and the GenerateDataKey operations.
 */
import type { KmsKeyRecord } from '../kms-store.js';
import type { CryptographicRequest } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { ConstraintChecker } from '../request-validation.js';

const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'];

/** Adds the constraints on GrantTokens and EncryptionAlgorithm to `checker`. */
export function checkCryptographicFields(checker: ConstraintChecker, request: CryptographicRequest & { readonly EncryptionAlgorithm?: string }): void {
  checker.listLength('grantTokens', request.GrantTokens, 0, 10);
  request.GrantTokens?.forEach((token, index) => checker.stringLength(`grantTokens.${index + 1}.member`, token, 1, 8192));
  checker.oneOf('encryptionAlgorithm', request.EncryptionAlgorithm, ENCRYPTION_ALGORITHMS);
}

/** Rejects the asymmetric encryption algorithms, because every key here is a SYMMETRIC_DEFAULT key. */
export function requireSymmetricAlgorithm(key: KmsKeyRecord, encryptionAlgorithm: string | undefined): void {
  if (encryptionAlgorithm !== undefined && encryptionAlgorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `The encryption algorithm ${encryptionAlgorithm} is not valid for ${key.arn}, a SYMMETRIC_DEFAULT key.`);
  }
}
