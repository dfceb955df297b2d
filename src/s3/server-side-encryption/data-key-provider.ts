/**
 * @module The only way S3 reaches KMS: data keys generated and decrypted on a
 * caller's behalf, as the S3 service (`kms:ViaService` = `s3.<region>.amazonaws.com`).
 */
import type { Principal } from '../../identity/principals.js';

export interface GenerateDataKeyRequest {
  /**
   * Key id, key ARN, alias name or alias ARN from
   * `x-amz-server-side-encryption-aws-kms-key-id`. Undefined selects the caller
   * account's `alias/aws/s3` key, which is created on first use.
   */
  readonly keyId: string | undefined;
  readonly encryptionContext: Readonly<Record<string, string>>;
  /** The S3 caller; key policies are evaluated for this principal. */
  readonly caller: Principal;
}

export interface DecryptDataKeyRequest {
  readonly ciphertextBlob: Uint8Array;
  readonly encryptionContext: Readonly<Record<string, string>>;
  readonly caller: Principal;
}

export interface GeneratedDataKey {
  /** Full key ARN, as S3 returns it in `x-amz-server-side-encryption-aws-kms-key-id`. */
  readonly keyArn: string;
  /** 32-byte AES-256 key. Never stored or logged. */
  readonly plaintext: Buffer;
  /** The data key sealed by KMS; stored with the object. */
  readonly ciphertextBlob: Buffer;
}

export interface DecryptedDataKey {
  readonly keyArn: string;
  readonly plaintext: Buffer;
}

export interface DataKeyProvider {
  generateDataKey(request: GenerateDataKeyRequest): Promise<GeneratedDataKey>;
  decryptDataKey(request: DecryptDataKeyRequest): Promise<DecryptedDataKey>;
}

/**
 * A KMS failure as S3 must report it. `kmsErrorType` is KMS's `__type`
 * (`NotFoundException`, `DisabledException`, `AccessDeniedException`, ...);
 * S3 reports it as `KMS.<type>` for most types and as AccessDenied for denials.
 */
export class DataKeyError extends Error {
  constructor(
    readonly kmsErrorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}
