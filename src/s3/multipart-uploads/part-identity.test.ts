import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { encodeObjectIdentity } from '../server-side-encryption/object-key.js';
import { createDecryptStream, createEncryptStream } from '../server-side-encryption/segmented-encryption.js';
import { encodePartIdentity, type PartIdentity } from './part-identity.js';

async function pipeThrough(data: Buffer, transform: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from([data]).pipe(transform)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

describe('encodePartIdentity', () => {
  const identity: PartIdentity = { bucket: 'b', key: 'k', uploadId: 'u1', partNumber: 1 };

  it('differs for every field and from the object identity', () => {
    const encoded = encodePartIdentity(identity);
    for (const other of [
      { ...identity, partNumber: 2 },
      { ...identity, uploadId: 'u2' },
      { ...identity, key: 'k2' },
      { ...identity, bucket: 'b2' },
    ]) {
      assert.ok(!encodePartIdentity(other).equals(encoded), JSON.stringify(other));
    }
    assert.ok(!encodeObjectIdentity({ bucket: 'b', key: 'k', versionId: 'u1' }).equals(encoded));
  });

  it('keeps a part from decrypting at another part number', async () => {
    const key = randomBytes(32);
    const data = randomBytes(1000);
    const stored = await pipeThrough(data, createEncryptStream({ key, binding: encodePartIdentity(identity) }));

    const same = await pipeThrough(stored, createDecryptStream({ key, binding: encodePartIdentity(identity) }));
    assert.ok(same.equals(data));
    await assert.rejects(pipeThrough(stored, createDecryptStream({ key, binding: encodePartIdentity({ ...identity, partNumber: 2 }) })), {
      name: 'ObjectIntegrityError',
    });
  });
});
