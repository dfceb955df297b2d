/**
 * @module Streaming AES-256-GCM for object data, in fixed-size segments.
 *
 * Stored layout (see docs/encrypted-object-format.md):
 *
 *   header  = magic "SROE" (4) | version 1 (1) | segment size, uint32 BE (4) | nonce prefix (8)
 *   segment = AES-256-GCM ciphertext of up to `segment size` bytes | tag (16)
 *
 * Segment i uses nonce = nonce prefix | uint32 BE i, and its additional data is
 * header | uint32 BE i | final flag (1 byte) | object binding. Every segment but
 * the last is full; the last carries the final flag, and an empty object still
 * has one empty final segment. So reordering, dropping the tail, appending,
 * editing the header or moving the data to another object all fail authentication.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const MAGIC = Buffer.from('SROE', 'ascii');
const FORMAT_VERSION = 1;
/** Size of the stored header that precedes the first segment. */
export const HEADER_BYTES = 17;
const NONCE_PREFIX_BYTES = 8;
export const TAG_BYTES = 16;
const KEY_BYTES = 32;
const MAX_SEGMENTS = 2 ** 32;

/** Plaintext bytes per segment unless a caller chooses otherwise. */
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;

/** Largest segment size a reader accepts from a header, which bounds its buffer. */
const MAX_SEGMENT_SIZE = 16 * 1024 * 1024;

/** Stored data that fails authentication or does not parse: tampered, truncated or corrupt. */
export class ObjectIntegrityError extends Error {
  override name = 'ObjectIntegrityError';

  constructor(detail: string) {
    super(`Encrypted object data is corrupt: ${detail}`);
  }
}

export interface EncryptOptions {
  /** The object's 32-byte data key. */
  readonly key: Buffer;
  /** Bytes that tie the data to one stored object, such as its version id. */
  readonly binding: Uint8Array;
  readonly segmentSize?: number;
  /** Source of the nonce prefix; injectable so tests are deterministic. */
  readonly random?: (size: number) => Buffer;
}

export interface DecryptOptions {
  readonly key: Buffer;
  readonly binding: Uint8Array;
  /** When given, a plaintext of any other length is an error. */
  readonly expectedPlaintextSize?: number;
}

/** Size of the stored form of a plaintext of `plaintextSize` bytes. */
export function encryptedSize(plaintextSize: number, segmentSize: number = DEFAULT_SEGMENT_SIZE): number {
  const segments = Math.max(1, Math.ceil(plaintextSize / segmentSize));
  return HEADER_BYTES + plaintextSize + segments * TAG_BYTES;
}

/** Creates a Transform that turns plaintext into the segmented stored form. */
export function createEncryptStream(options: EncryptOptions): Transform {
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  assertKey(options.key);
  if (!Number.isInteger(segmentSize) || segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
    throw new RangeError(`Segment size must be an integer from 1 to ${MAX_SEGMENT_SIZE}, got ${segmentSize}`);
  }

  const noncePrefix = (options.random ?? randomBytes)(NONCE_PREFIX_BYTES);
  const header = encodeHeader(segmentSize, noncePrefix);
  const segment = Buffer.allocUnsafe(segmentSize);
  let headerWritten = false;
  let filled = 0;
  let index = 0;

  const seal = (plaintext: Buffer, final: boolean): Buffer => {
    if (index >= MAX_SEGMENTS) {
      throw new RangeError('Object is too large for the segment counter');
    }
    const cipher = createCipheriv('aes-256-gcm', options.key, segmentNonce(noncePrefix, index));
    cipher.setAAD(segmentAad(header, index, final, options.binding));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    index += 1;
    return sealed;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        if (!headerWritten) {
          this.push(header);
          headerWritten = true;
        }

        // A full segment is sealed only once more data arrives, because only
        // then is it known not to be the final one.
        let offset = 0;
        while (offset < chunk.length) {
          if (filled === segmentSize) {
            this.push(seal(segment, false));
            filled = 0;
          }
          const count = Math.min(segmentSize - filled, chunk.length - offset);
          chunk.copy(segment, filled, offset, offset + count);
          filled += count;
          offset += count;
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },

    flush(callback: TransformCallback) {
      try {
        if (!headerWritten) {
          this.push(header);
          headerWritten = true;
        }
        this.push(seal(segment.subarray(0, filled), true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** Creates a Transform that authenticates and decrypts the stored form back to plaintext. */
export function createDecryptStream(options: DecryptOptions): Transform {
  assertKey(options.key);

  const headerBuffer = Buffer.alloc(HEADER_BYTES);
  let headerFilled = 0;
  let header: Buffer | undefined;
  let noncePrefix: Buffer | undefined;
  let segment: Buffer | undefined;
  let filled = 0;
  let index = 0;
  let plaintextSize = 0;

  const open = (sealed: Buffer, final: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) {
      throw new ObjectIntegrityError('segment shorter than its tag');
    }
    if (index >= MAX_SEGMENTS) {
      throw new ObjectIntegrityError('too many segments');
    }
    const decipher = createDecipheriv('aes-256-gcm', options.key, segmentNonce(noncePrefix!, index));
    decipher.setAAD(segmentAad(header!, index, final, options.binding));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ObjectIntegrityError(`segment ${index} failed authentication`);
    }
    index += 1;
    plaintextSize += plaintext.length;
    return plaintext;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        let offset = 0;

        // The header comes first and fixes the segment size.
        if (header === undefined) {
          const count = Math.min(HEADER_BYTES - headerFilled, chunk.length);
          chunk.copy(headerBuffer, headerFilled, 0, count);
          headerFilled += count;
          offset = count;
          if (headerFilled < HEADER_BYTES) {
            callback();
            return;
          }
          const segmentSize = decodeHeader(headerBuffer);
          header = headerBuffer;
          noncePrefix = headerBuffer.subarray(HEADER_BYTES - NONCE_PREFIX_BYTES);
          segment = Buffer.allocUnsafe(segmentSize + TAG_BYTES);
        }

        while (offset < chunk.length) {
          if (filled === segment!.length) {
            this.push(open(segment!, false));
            filled = 0;
          }
          const count = Math.min(segment!.length - filled, chunk.length - offset);
          chunk.copy(segment!, filled, offset, offset + count);
          filled += count;
          offset += count;
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },

    flush(callback: TransformCallback) {
      try {
        if (header === undefined) {
          throw new ObjectIntegrityError('header is truncated');
        }
        this.push(open(segment!.subarray(0, filled), true));
        if (options.expectedPlaintextSize !== undefined && plaintextSize !== options.expectedPlaintextSize) {
          throw new ObjectIntegrityError(`expected ${options.expectedPlaintextSize} bytes, decrypted ${plaintextSize}`);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

export function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) {
    throw new RangeError(`Data key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

function encodeHeader(segmentSize: number, noncePrefix: Buffer): Buffer {
  if (noncePrefix.length !== NONCE_PREFIX_BYTES) {
    throw new RangeError(`Nonce prefix must be ${NONCE_PREFIX_BYTES} bytes`);
  }
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt32BE(segmentSize, 5);
  noncePrefix.copy(header, 9);
  return header;
}

/** Checks the header's fixed fields and returns its segment size. */
export function decodeHeader(header: Buffer): number {
  if (!header.subarray(0, 4).equals(MAGIC)) {
    throw new ObjectIntegrityError('unknown format marker');
  }
  if (header.readUInt8(4) !== FORMAT_VERSION) {
    throw new ObjectIntegrityError(`unsupported format version ${header.readUInt8(4)}`);
  }
  const segmentSize = header.readUInt32BE(5);
  if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
    throw new ObjectIntegrityError(`segment size ${segmentSize} out of range`);
  }
  return segmentSize;
}

export function segmentNonce(noncePrefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_BYTES + 4);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  return nonce;
}

export function segmentAad(header: Buffer, index: number, final: boolean, binding: Uint8Array): Buffer {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position.writeUInt8(final ? 1 : 0, 4);
  return Buffer.concat([header, position, binding]);
}
