/**
 * @module The checks CompleteMultipartUpload makes on its part list, and the
 * multipart ETag.
 */
import { createHash } from 'node:crypto';
import { S3Error } from '../s3-errors.js';
import { MIN_PART_BYTES } from './multipart-limits.js';
import type { PartRecord } from './upload-records.js';

/** One `<Part>` of the CompleteMultipartUpload body. */
export interface RequestedPart {
  readonly partNumber: number;
  readonly etag: string;
}

export interface CompletionPlan {
  /** The stored parts the object is made of, in ascending part number order. */
  readonly parts: readonly PartRecord[];
  /** Plaintext size of the object: the sizes of its parts added up. */
  readonly size: number;
  /** `"<hex MD5 of the binary part MD5s, concatenated>-<part count>"`, quoted. */
  readonly etag: string;
}

/**
 * Matches the requested part list against the uploaded parts. The checks run
 * in this order: part numbers must ascend (InvalidPartOrder), each part must
 * exist with the given ETag (InvalidPart), and each part but the last must be
 * at least 5 MiB (EntityTooSmall).
 */
export function planCompletion(requested: readonly RequestedPart[], uploaded: readonly PartRecord[]): CompletionPlan {
  for (let index = 1; index < requested.length; index += 1) {
    if (requested[index]!.partNumber <= requested[index - 1]!.partNumber) {
      throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.');
    }
  }

  const byNumber = new Map(uploaded.map((part) => [part.partNumber, part]));
  const parts = requested.map((wanted) => {
    const part = byNumber.get(wanted.partNumber);
    if (part === undefined || normalizeEtag(part.etag) !== normalizeEtag(wanted.etag)) {
      throw new S3Error(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { UploadId: uploaded[0]?.uploadId ?? '', PartNumber: String(wanted.partNumber), ETag: wanted.etag },
      );
    }
    return part;
  });

  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.size < MIN_PART_BYTES) {
      throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
        ProposedSize: String(part.size),
        MinSizeAllowed: String(MIN_PART_BYTES),
        PartNumber: String(part.partNumber),
        ETag: part.etag,
      });
    }
  });

  return { parts, size: parts.reduce((total, part) => total + part.size, 0), etag: multipartEtag(parts.map((part) => part.etag)) };
}

/** Computes the ETag S3 gives a multipart object from its parts' ETags (quoted MD5 hex). */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) {
    md5.update(Buffer.from(normalizeEtag(etag), 'hex'));
  }
  return `"${md5.digest('hex')}-${partEtags.length}"`;
}

/** Clients send part ETags with or without quotes; S3 accepts both. */
function normalizeEtag(etag: string): string {
  return etag.trim().replace(/^"|"$/g, '').toLowerCase();
}
