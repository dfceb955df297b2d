/**
 * @module Full-object checksums as S3 reports them in `x-amz-checksum-*`:
 * base64 of the big-endian digest.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import type { ObjectChecksum } from './object-metadata.js';

export type ChecksumAlgorithm = ObjectChecksum['algorithm'];

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'];

export interface ChecksumCalculator {
  update(chunk: Uint8Array): void;
  /** Returns base64 of the digest of everything passed to update. */
  digest(): Promise<string>;
}

export function isChecksumAlgorithm(value: string): value is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

export function createChecksumCalculator(algorithm: ChecksumAlgorithm): ChecksumCalculator {
  switch (algorithm) {
    case 'crc32': {
      let value = 0;
      return {
        update: (chunk) => {
          value = crc32(chunk, value);
        },
        digest: async () => uint32Base64(value),
      };
    }
    case 'crc32c': {
      const crc = new Crc32c();
      return {
        update: (chunk) => {
          crc.update(chunk);
        },
        digest: async () => uint32Base64(crc.digest()),
      };
    }
    case 'crc64nvme': {
      const crc = new Crc64Nvme();
      return {
        update: (chunk) => crc.update(chunk),
        digest: async () => Buffer.from(await crc.digest()).toString('base64'),
      };
    }
    case 'sha1':
    case 'sha256':
      return hashCalculator(createHash(algorithm));
  }
}

function hashCalculator(hash: Hash): ChecksumCalculator {
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: async () => hash.digest('base64'),
  };
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0, 0);
  return bytes.toString('base64');
}
