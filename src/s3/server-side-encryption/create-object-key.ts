/**
 * @module A new object's data key, in the mode the request chose.
 */
import type { Principal } from '../../identity/principals.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import type { EncryptionRequest } from './encryption-request.js';
import type { NewObjectKey, ObjectIdentity } from './object-key.js';
import { buildKmsEncryptionContext, createSseKmsObjectKey } from './sse-kms.js';
import { createSseS3ObjectKey } from './sse-s3.js';

/**
 * Generates the data key for the object `identity` will name: from KMS as the
 * caller for SSE-KMS, so a KMS failure stops the request before anything is
 * written, or sealed under the root key for SSE-S3.
 */
export async function createObjectKey(deps: S3Dependencies, caller: Principal, encryption: EncryptionRequest, identity: ObjectIdentity): Promise<NewObjectKey> {
  if (encryption.algorithm === 'aws:kms') {
    return createSseKmsObjectKey(deps.dataKeys, {
      kmsKeyId: encryption.kmsKeyId,
      encryptionContext: buildKmsEncryptionContext(encryption.userContext, identity.bucket, identity.key),
      caller,
    });
  }
  return createSseS3ObjectKey(deps.rootKeystore, identity, deps.random);
}
