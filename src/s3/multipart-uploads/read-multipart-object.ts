/**
 * @module The plaintext of a completed multipart object: each part's blob
 * decrypted in turn, so memory stays at one segment whatever the object's size.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../storage/blobs/blob-store.js';
import { BlobNotFoundError } from '../../storage/blobs/blob-store.js';
import type { SqliteDatabase } from '../../storage/metadata/sqlite/sqlite-database.js';
import type { ObjectRecord } from '../objects/object-records.js';
import { createDecryptStream, decodeHeader, HEADER_BYTES, ObjectIntegrityError } from '../server-side-encryption/segmented-encryption.js';
import { createRangeDecryptStream, planSegmentRange, type PlaintextRange } from '../server-side-encryption/segmented-range.js';
import { encodePartIdentity } from './part-identity.js';
import { listPartRows, type PartRecord } from './upload-records.js';

/**
 * Streams the object's plaintext, or only `range` of it, reading just the parts
 * and segments that cover it. The stream fails with {@link ObjectIntegrityError}
 * when a part is missing or altered, and wipes `dataKey` when it ends or is destroyed.
 *
 * NOTE: each part's blob is opened only when the stream reaches it. If the
 * object is replaced or deleted meanwhile, its later parts' blobs are already
 * deleted, so the stream fails part-way instead of returning the old object.
 */
export function readMultipartObject(
  database: SqliteDatabase,
  blobs: BlobStore,
  record: ObjectRecord,
  dataKey: Buffer,
  range?: PlaintextRange,
): Readable {
  const parts = listPartRows(database, record.versionId);
  const listedSize = parts.reduce((total, part) => total + part.size, 0);
  if (parts.length !== record.partCount || listedSize !== record.size) {
    dataKey.fill(0);
    throw new ObjectIntegrityError(`the parts of ${record.bucket}/${record.key} do not match its row`);
  }
  const body = Readable.from(decryptParts(blobs, record, parts, dataKey, range ?? { start: 0, end: record.size - 1 }));
  // The generator's `finally` does not run when the stream is destroyed before
  // the generator has started, so the key is also wiped when the stream closes.
  body.once('close', () => dataKey.fill(0));
  return body;
}

async function* decryptParts(
  blobs: BlobStore,
  record: ObjectRecord,
  parts: readonly PartRecord[],
  dataKey: Buffer,
  range: PlaintextRange,
): AsyncGenerator<Buffer> {
  try {
    let partStart = 0;
    for (const part of parts) {
      const partEnd = partStart + part.size - 1;
      const overlap = { start: Math.max(range.start, partStart) - partStart, end: Math.min(range.end, partEnd) - partStart };
      partStart += part.size;
      // Parts outside the range are skipped; an empty part still covers nothing.
      if (overlap.start > overlap.end) {
        continue;
      }

      const binding = encodePartIdentity({ bucket: record.bucket, key: record.key, uploadId: record.versionId, partNumber: part.partNumber });
      const { stored, decrypt } =
        overlap.start === 0 && overlap.end === part.size - 1
          ? { stored: await openBlob(blobs, record, part), decrypt: createDecryptStream({ key: dataKey, binding, expectedPlaintextSize: part.size }) }
          : await openPartRange(blobs, record, part, dataKey, binding, overlap);
      // Yield from the decrypting stream while the pipeline feeds it, so only
      // what the consumer has not yet read is buffered.
      const feeding = pipeline(stored, decrypt);
      feeding.catch(() => undefined);
      for await (const chunk of decrypt) {
        yield chunk as Buffer;
      }
      await feeding;
    }
  } finally {
    dataKey.fill(0);
  }
}

async function openBlob(blobs: BlobStore, record: ObjectRecord, part: PartRecord, range?: { start: number; end: number }): Promise<Readable> {
  try {
    return await blobs.get(part.blobId, range);
  } catch (error) {
    if (error instanceof BlobNotFoundError) {
      throw new ObjectIntegrityError(`part ${part.partNumber} of ${record.bucket}/${record.key} is missing`);
    }
    throw error;
  }
}

/** Fetches a part's header and the segments covering `overlap`, relative to the part. */
async function openPartRange(
  blobs: BlobStore,
  record: ObjectRecord,
  part: PartRecord,
  dataKey: Buffer,
  binding: Buffer,
  overlap: PlaintextRange,
): Promise<{ stored: Readable; decrypt: NodeJS.ReadWriteStream & Readable }> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openBlob(blobs, record, part, { start: 0, end: HEADER_BYTES - 1 })) {
    chunks.push(chunk as Buffer);
  }
  const header = Buffer.concat(chunks);
  if (header.length !== HEADER_BYTES) {
    throw new ObjectIntegrityError(`the header of part ${part.partNumber} is truncated`);
  }
  const plan = planSegmentRange(part.size, decodeHeader(header), overlap);
  const stored = await openBlob(blobs, record, part, { start: plan.storedStart, end: plan.storedEnd });
  return { stored, decrypt: createRangeDecryptStream({ key: dataKey, binding, header, plan }) };
}
