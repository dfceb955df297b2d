/**
 * @module Canonical serialization of an encryption context, the associated
 * data that binds a ciphertext to the context it was encrypted under.
 *
 * Layout, all lengths unsigned 32-bit big-endian: the pair count, then for each
 * pair in ascending order of the key's UTF-8 bytes the key length, the key, the
 * value length and the value. Lengths make the encoding unambiguous, so two
 * different contexts never serialize to the same bytes. Key order does not
 * matter to the caller, and an absent context equals an empty one, as in AWS.
 */
import type { EncryptionContext } from '../kms-api-types.js';

export function serializeEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const entries = Object.entries(context ?? {}).map(([key, value]) => [Buffer.from(key, 'utf8'), Buffer.from(value, 'utf8')] as const);
  entries.sort(([a], [b]) => Buffer.compare(a, b));

  const parts: Buffer[] = [uint32(entries.length)];
  for (const [key, value] of entries) {
    parts.push(uint32(key.length), key, uint32(value.length), value);
  }
  return Buffer.concat(parts);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
