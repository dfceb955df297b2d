/**
 * @module Root keystore kept in a local file of 32 random bytes, mode 0600.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { writeFileDurably } from '../../storage/files/write-file-durably.js';
import { RootKeyUnsealError, type RootKeystore } from './root-keystore.js';

const FORMAT_VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals with AES-256-GCM. Sealed layout: version (1 byte), IV (12), ciphertext,
 * GCM tag (16). The version byte is authenticated too, as part of the AAD.
 */
export class LocalFileRootKeystore implements RootKeystore {
  readonly #rootKey: Buffer;

  constructor(rootKey: Buffer) {
    if (rootKey.length !== KEY_BYTES) {
      throw new Error(`Root key must be ${KEY_BYTES} bytes, got ${rootKey.length}`);
    }
    this.#rootKey = rootKey;
  }

  /** Loads the root key from `path`, creating it with fresh random bytes on first start. */
  static async open(path: string): Promise<{ keystore: LocalFileRootKeystore; created: boolean }> {
    const existing = await readKeyFile(path);
    if (existing) {
      return { keystore: new LocalFileRootKeystore(existing), created: false };
    }

    const rootKey = randomBytes(KEY_BYTES);
    await writeFileDurably(path, rootKey, 0o600);
    return { keystore: new LocalFileRootKeystore(rootKey), created: true };
  }

  seal(plaintext: Uint8Array, associatedData: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.from([FORMAT_VERSION]);

    const cipher = createCipheriv('aes-256-gcm', this.#rootKey, iv);
    cipher.setAAD(Buffer.concat([header, associatedData]));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);

    return Buffer.concat([header, iv, ciphertext, cipher.getAuthTag()]);
  }

  unseal(sealed: Uint8Array, associatedData: Uint8Array): Buffer {
    const buffer = Buffer.from(sealed);
    if (buffer.length < 1 + IV_BYTES + TAG_BYTES || buffer[0] !== FORMAT_VERSION) {
      throw new RootKeyUnsealError();
    }

    const iv = buffer.subarray(1, 1 + IV_BYTES);
    const ciphertext = buffer.subarray(1 + IV_BYTES, buffer.length - TAG_BYTES);
    const tag = buffer.subarray(buffer.length - TAG_BYTES);

    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#rootKey, iv);
      decipher.setAAD(Buffer.concat([buffer.subarray(0, 1), associatedData]));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new RootKeyUnsealError();
    }
  }
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) {
      throw new Error(`Root key file ${path} is readable by group or others; run chmod 600 on it`);
    }
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
