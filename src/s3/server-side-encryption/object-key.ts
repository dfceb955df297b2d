/**
 * @module Object keys: the per-object 256-bit data key and how it is stored.
 *
 * An object key exists in plaintext only in memory while one request reads or
 * writes the object. What is stored is a {@link SealedObjectKey}, which is safe
 * to keep next to the data: for SSE-KMS it is KMS's ciphertext blob, for SSE-S3
 * the key sealed by the root keystore.
 */

export type ServerSideEncryption = 'AES256' | 'aws:kms';

/** The stored, encrypted form of an object key plus what is needed to open it. */
export interface SealedObjectKey {
  readonly algorithm: ServerSideEncryption;
  readonly sealed: Buffer;
  /** aws:kms only: full ARN of the KMS key that encrypted the data key. */
  readonly kmsKeyArn?: string;
  /** aws:kms only: the full encryption context given to KMS, needed again to decrypt. */
  readonly kmsEncryptionContext?: Readonly<Record<string, string>>;
}

/** A fresh object key together with its sealed form, as created for a PUT. */
export interface NewObjectKey {
  /** 32-byte AES-256 key. Never stored or logged. */
  readonly plaintext: Buffer;
  readonly sealedKey: SealedObjectKey;
}

/** Identity of one stored object version: the bucket, the key and a random version id. */
export interface ObjectIdentity {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
}

/**
 * Encodes an object's identity as bytes, each field length-prefixed, so two
 * different identities never encode alike. Segments and SSE-S3 seals are bound
 * to it, so data or a sealed key copied to another object fails to decrypt.
 */
export function encodeObjectIdentity(identity: ObjectIdentity): Buffer {
  const fields = [identity.bucket, identity.key, identity.versionId].map((field) => Buffer.from(field, 'utf8'));
  const parts: Buffer[] = [Buffer.from('strongroom-object-v1', 'ascii')];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(field.length, 0);
    parts.push(length, field);
  }
  return Buffer.concat(parts);
}
