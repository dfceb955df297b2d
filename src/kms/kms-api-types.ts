/**
 * @module Request and response shapes of the KMS operations this server
 * implements, with AWS's field names. Binary fields are bytes here; the HTTP
 * edge converts them from and to base64. Dates are `Date`s; the edge writes
 * them as epoch seconds.
 */

export type EncryptionContext = Readonly<Record<string, string>>;

export interface Tag {
  readonly TagKey: string;
  readonly TagValue: string;
}

export interface KeyMetadata {
  readonly AWSAccountId: string;
  readonly KeyId: string;
  readonly Arn: string;
  readonly CreationDate: Date;
  readonly Enabled: boolean;
  readonly Description: string;
  readonly KeyUsage: 'ENCRYPT_DECRYPT';
  readonly KeyState: 'Enabled' | 'Disabled';
  readonly Origin: 'AWS_KMS';
  readonly KeyManager: 'CUSTOMER' | 'AWS';
  readonly CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT';
  readonly KeySpec: 'SYMMETRIC_DEFAULT';
  readonly EncryptionAlgorithms: readonly ['SYMMETRIC_DEFAULT'];
  readonly MultiRegion: false;
}

export interface CreateKeyRequest {
  readonly Policy?: string;
  readonly Description?: string;
  readonly KeyUsage?: string;
  readonly KeySpec?: string;
  readonly CustomerMasterKeySpec?: string;
  readonly Origin?: string;
  readonly MultiRegion?: boolean;
  readonly Tags?: readonly Tag[];
  readonly BypassPolicyLockoutSafetyCheck?: boolean;
}

export interface KeyMetadataResponse {
  readonly KeyMetadata: KeyMetadata;
}

export interface KeyIdRequest {
  readonly KeyId: string;
}

export interface ListRequest {
  readonly Limit?: number;
  readonly Marker?: string;
}

export interface ListKeysResponse {
  readonly Keys: ReadonlyArray<{ readonly KeyId: string; readonly KeyArn: string }>;
  readonly Truncated: boolean;
  readonly NextMarker?: string;
}

export interface ListAliasesRequest extends ListRequest {
  readonly KeyId?: string;
}

export interface AliasListEntry {
  readonly AliasName: string;
  readonly AliasArn: string;
  readonly TargetKeyId: string;
  readonly CreationDate: Date;
  readonly LastUpdateDate: Date;
}

export interface ListAliasesResponse {
  readonly Aliases: readonly AliasListEntry[];
  readonly Truncated: boolean;
  readonly NextMarker?: string;
}

export interface AliasRequest {
  readonly AliasName: string;
  readonly TargetKeyId: string;
}

export interface DeleteAliasRequest {
  readonly AliasName: string;
}

export interface GetKeyPolicyRequest {
  readonly KeyId: string;
  readonly PolicyName?: string;
}

export interface GetKeyPolicyResponse {
  readonly Policy: string;
  readonly PolicyName: string;
}

export interface PutKeyPolicyRequest {
  readonly KeyId: string;
  readonly Policy: string;
  readonly PolicyName?: string;
  readonly BypassPolicyLockoutSafetyCheck?: boolean;
}

/** Fields shared by the operations that encrypt or decrypt. */
export interface CryptographicRequest {
  readonly EncryptionContext?: EncryptionContext;
  readonly GrantTokens?: readonly string[];
  readonly DryRun?: boolean;
}

export interface EncryptRequest extends CryptographicRequest {
  readonly KeyId: string;
  readonly Plaintext: Uint8Array;
  readonly EncryptionAlgorithm?: string;
}

export interface EncryptResponse {
  readonly CiphertextBlob: Buffer;
  /** Key ARN, whatever form of KeyId the request used. */
  readonly KeyId: string;
  readonly EncryptionAlgorithm: 'SYMMETRIC_DEFAULT';
}

export interface DecryptRequest extends CryptographicRequest {
  readonly CiphertextBlob: Uint8Array;
  /** Optional for symmetric keys: the ciphertext names its key. */
  readonly KeyId?: string;
  readonly EncryptionAlgorithm?: string;
}

export interface DecryptResponse {
  readonly KeyId: string;
  readonly Plaintext: Buffer;
  readonly EncryptionAlgorithm: 'SYMMETRIC_DEFAULT';
}

export interface GenerateDataKeyRequest extends CryptographicRequest {
  readonly KeyId: string;
  readonly KeySpec?: string;
  readonly NumberOfBytes?: number;
}

export interface GenerateDataKeyResponse {
  readonly CiphertextBlob: Buffer;
  readonly Plaintext: Buffer;
  readonly KeyId: string;
}

export interface GenerateDataKeyWithoutPlaintextResponse {
  readonly CiphertextBlob: Buffer;
  readonly KeyId: string;
}

/** Set when another service calls KMS on the caller's behalf. */
export interface ViaService {
  /** Service name as in `kms:ViaService`, for example `s3`. */
  readonly service: string;
}
