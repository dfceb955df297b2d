/**
 * @module The CiphertextBlob format of Encrypt and GenerateDataKey. The byte
 * layout is documented in docs/kms-ciphertext-format.md:
 *
 *   version (1) | key id (16) | IV (12) | AES-256-GCM ciphertext (n) | GCM tag (16)
 *
 * The associated data is version, key id and the serialized encryption context,
 * so changing any byte of the blob, or decrypting under another context, fails
 * authentication.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { EncryptionContext } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import { serializeEncryptionContext } from './encryption-context.js';

export const CIPHERTEXT_FORMAT_VERSION = 1;
const KEY_ID_BYTES = 16;
export const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
/** Bytes a blob adds to its plaintext: header, IV and tag. */
export const CIPHERTEXT_OVERHEAD_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;

// Differs from AWS: AWS sends an empty message, and this one lists what to check.
const INVALID_CIPHERTEXT_MESSAGE =
  'The ciphertext could not be decrypted: it was altered or truncated, it was not produced by this server, or the encryption context differs from the one it was encrypted under.';

export function invalidCiphertext(): KmsError {
  return new KmsError('InvalidCiphertextException', INVALID_CIPHERTEXT_MESSAGE);
}

export interface SealRequest {
  /** The KMS key's 32-byte material. */
  readonly keyMaterial: Buffer;
  readonly keyId: string;
  readonly plaintext: Uint8Array;
  readonly encryptionContext: EncryptionContext | undefined;
  /** 12 random bytes, never reused with the same key material. */
  readonly iv: Buffer;
}

export function sealCiphertextBlob(request: SealRequest): Buffer {
  const header = Buffer.concat([Buffer.from([CIPHERTEXT_FORMAT_VERSION]), keyIdToBytes(request.keyId)]);

  const cipher = createCipheriv('aes-256-gcm', request.keyMaterial, request.iv);
  cipher.setAAD(associatedData(header, request.encryptionContext));
  const ciphertext = Buffer.concat([cipher.update(request.plaintext), cipher.final()]);

  return Buffer.concat([header, request.iv, ciphertext, cipher.getAuthTag()]);
}

/** Returns the id of the key a blob was encrypted under. Throws InvalidCiphertextException for a malformed blob. */
export function readCiphertextKeyId(blob: Uint8Array): string {
  if (blob.length < CIPHERTEXT_OVERHEAD_BYTES || blob[0] !== CIPHERTEXT_FORMAT_VERSION) {
    throw invalidCiphertext();
  }
  return bytesToKeyId(Buffer.from(blob.subarray(1, HEADER_BYTES)));
}

/** Decrypts a blob with its key's material. Throws InvalidCiphertextException when authentication fails. */
export function openCiphertextBlob(keyMaterial: Buffer, blob: Uint8Array, encryptionContext: EncryptionContext | undefined): Buffer {
  readCiphertextKeyId(blob);

  const bytes = Buffer.from(blob);
  const header = bytes.subarray(0, HEADER_BYTES);
  const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const ciphertext = bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);

  try {
    const decipher = createDecipheriv('aes-256-gcm', keyMaterial, iv);
    decipher.setAAD(associatedData(header, encryptionContext));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw invalidCiphertext();
  }
}

function associatedData(header: Buffer, encryptionContext: EncryptionContext | undefined): Buffer {
  return Buffer.concat([header, serializeEncryptionContext(encryptionContext)]);
}

function keyIdToBytes(keyId: string): Buffer {
  const bytes = Buffer.from(keyId.replaceAll('-', ''), 'hex');
  if (bytes.length !== KEY_ID_BYTES) {
    throw new Error(`Key id ${keyId} is not a UUID`);
  }
  return bytes;
}

function bytesToKeyId(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
