/**
 * @module Decrypting a byte range of a segmented object without reading the rest.
 *
 * Plaintext byte b lies in segment floor(b / s), whose stored form starts at
 * HEADER_BYTES + floor(b / s) * (s + TAG_BYTES). A range read fetches the
 * header and the covering segments only, authenticates each segment whole, and
 * trims the plaintext to the range.
 */
import { createDecipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  HEADER_BYTES,
  TAG_BYTES,
  ObjectIntegrityError,
  assertKey,
  decodeHeader,
  segmentAad,
  segmentNonce,
} from './segmented-encryption.js';

/** Plaintext byte range, both ends inclusive, already clamped to the object. */
export interface PlaintextRange {
  readonly start: number;
  readonly end: number;
}

export interface SegmentRangePlan {
  readonly firstSegment: number;
  readonly lastSegment: number;
  /** Index of the object's final segment, which was sealed with the final flag. */
  readonly finalSegment: number;
  /** Stored byte range to fetch, both ends inclusive. */
  readonly storedStart: number;
  readonly storedEnd: number;
  /** Plaintext bytes to drop from the start of the first segment. */
  readonly skip: number;
  /** Plaintext bytes to emit. */
  readonly length: number;
}

/** Works out which stored bytes hold `range` of a `plaintextSize`-byte object. */
export function planSegmentRange(plaintextSize: number, segmentSize: number, range: PlaintextRange): SegmentRangePlan {
  if (range.start < 0 || range.end < range.start || range.end >= plaintextSize) {
    throw new RangeError(`Range ${range.start}-${range.end} is outside an object of ${plaintextSize} bytes`);
  }

  const firstSegment = Math.floor(range.start / segmentSize);
  const lastSegment = Math.floor(range.end / segmentSize);
  const finalSegment = Math.max(1, Math.ceil(plaintextSize / segmentSize)) - 1;
  const storedSegmentSize = segmentSize + TAG_BYTES;

  // The last covering segment may be the short final one.
  const lastSegmentPlaintext = Math.min(segmentSize, plaintextSize - lastSegment * segmentSize);
  const storedStart = HEADER_BYTES + firstSegment * storedSegmentSize;
  const storedEnd = HEADER_BYTES + lastSegment * storedSegmentSize + lastSegmentPlaintext + TAG_BYTES - 1;

  return {
    firstSegment,
    lastSegment,
    finalSegment,
    storedStart,
    storedEnd,
    skip: range.start - firstSegment * segmentSize,
    length: range.end - range.start + 1,
  };
}

export interface RangeDecryptOptions {
  readonly key: Buffer;
  readonly binding: Uint8Array;
  /** The object's stored header, read separately. */
  readonly header: Buffer;
  readonly plan: SegmentRangePlan;
}

/**
 * Creates a Transform that takes the stored bytes `plan.storedStart` to
 * `plan.storedEnd` and emits exactly the planned plaintext range.
 */
export function createRangeDecryptStream(options: RangeDecryptOptions): Transform {
  assertKey(options.key);
  if (options.header.length !== HEADER_BYTES) {
    throw new ObjectIntegrityError('header is truncated');
  }

  const segmentSize = decodeHeader(options.header);
  const noncePrefix = options.header.subarray(HEADER_BYTES - 8);
  const { plan } = options;
  const segment = Buffer.allocUnsafe(segmentSize + TAG_BYTES);
  let filled = 0;
  let index = plan.firstSegment;
  let toSkip = plan.skip;
  let remaining = plan.length;

  const openAndEmit = (stream: Transform, sealed: Buffer): void => {
    if (index > plan.lastSegment || sealed.length < TAG_BYTES) {
      throw new ObjectIntegrityError(`segment ${index} is outside the planned range or shorter than its tag`);
    }
    const decipher = createDecipheriv('aes-256-gcm', options.key, segmentNonce(noncePrefix, index));
    decipher.setAAD(segmentAad(options.header, index, index === plan.finalSegment, options.binding));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));

    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ObjectIntegrityError(`segment ${index} failed authentication`);
    }
    index += 1;

    const from = Math.min(toSkip, plaintext.length);
    toSkip -= from;
    const take = Math.min(remaining, plaintext.length - from);
    remaining -= take;
    if (take > 0) {
      stream.push(plaintext.subarray(from, from + take));
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const count = Math.min(segment.length - filled, chunk.length - offset);
          chunk.copy(segment, filled, offset, offset + count);
          filled += count;
          offset += count;
          if (filled === segment.length) {
            openAndEmit(this, segment);
            filled = 0;
          }
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },

    flush(callback: TransformCallback) {
      try {
        // A short last segment is the object's final one; a full one was opened already.
        if (filled > 0) {
          openAndEmit(this, segment.subarray(0, filled));
        }
        if (remaining !== 0 || index !== plan.lastSegment + 1) {
          throw new ObjectIntegrityError(`range ended early: ${remaining} bytes missing`);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
