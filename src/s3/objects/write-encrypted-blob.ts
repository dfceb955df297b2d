/**
 * @module Streaming an upload's body through encryption into a new blob, with
 * the length and digests checked that S3 checks.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Error } from '../s3-errors.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import { createEncryptStream } from '../server-side-encryption/segmented-encryption.js';
import { createChecksumCalculator, type ChecksumAlgorithm } from './object-checksum.js';
import type { ObjectChecksum } from './object-metadata.js';

export interface EncryptedBlobWrite {
  readonly blobId: string;
  /** Decoded payload; it fails with an error if the upload's signature or checksum does not verify. */
  readonly body: Readable;
  /** The object's or upload's 32-byte data key. */
  readonly dataKey: Buffer;
  /** Bytes that bind the stored segments to one object or part. */
  readonly binding: Uint8Array;
  readonly contentLength: number;
  /** Decoded Content-MD5, when the client sent one. */
  readonly expectedMd5: Buffer | undefined;
  /** Content-MD5 as sent, for the BadDigest error body. */
  readonly contentMd5: string | undefined;
  /** Checksum the client sent as a header; the write fails with BadDigest if the body does not match. */
  readonly checksum: ObjectChecksum | undefined;
  /** Algorithm of a checksum sent in an aws-chunked trailer; its value is computed here. */
  readonly checksumAlgorithm: ChecksumAlgorithm | undefined;
}

export interface WrittenBlob {
  readonly size: number;
  /** MD5 of the plaintext. */
  readonly md5: Buffer;
  readonly checksum: ObjectChecksum | undefined;
}

/**
 * Writes the encrypted body to a durable blob and checks its length, MD5 and
 * checksum. The caller queued the blob for cleanup and deletes it unless it
 * commits a row that references it.
 */
export async function writeEncryptedBlob(deps: S3Dependencies, write: EncryptedBlobWrite): Promise<WrittenBlob> {
  const md5 = createHash('md5');
  const checksumAlgorithm = write.checksum?.algorithm ?? write.checksumAlgorithm;
  const checksumCalculator = checksumAlgorithm === undefined ? undefined : createChecksumCalculator(checksumAlgorithm);
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      checksumCalculator?.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const encrypt = createEncryptStream({ key: write.dataKey, binding: write.binding, random: deps.random });

  // The body stream fails at its end if the signature or checksum does not
  // verify, which aborts the pipeline before the caller commits a row.
  // pipeline() rejects on the first error without waiting for the blob write,
  // which may still be finishing. Waiting for it makes the caller's cleanup
  // run after the blob's last file operation.
  let blobWrite: Promise<unknown> | undefined;
  try {
    await pipeline(write.body, measure, encrypt, async (source: AsyncIterable<Uint8Array>) => {
      blobWrite = deps.blobs.put(write.blobId, source);
      await blobWrite;
    });
  } catch (error) {
    await blobWrite?.catch(() => undefined);
    throw error;
  }

  if (size !== write.contentLength) {
    throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
  }
  const digest = md5.digest();
  if (write.expectedMd5 !== undefined && !digest.equals(write.expectedMd5)) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: write.contentMd5 ?? '',
      CalculatedDigest: digest.toString('base64'),
    });
  }
  const checksum: ObjectChecksum | undefined =
    checksumCalculator === undefined ? undefined : { algorithm: checksumAlgorithm!, value: await checksumCalculator.digest() };
  if (write.checksum !== undefined && checksum?.value !== write.checksum.value) {
    throw new S3Error('BadDigest', `The ${write.checksum.algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
  }

  return { size, md5: digest, checksum };
}
