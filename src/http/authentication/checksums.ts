/**
 * @module The checksums S3 accepts in `x-amz-checksum-*` headers and trailers.
 * Values are the base64 of the big-endian digest.
 */
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** An incremental checksum over the decoded body. */
export interface ChecksumCalculator {
  update(data: Uint8Array): void;
  /** Returns the base64 value, as clients send it. */
  digest(): Promise<string>;
}

/** Digest size of each algorithm in bytes, used to validate the base64 values clients send. */
const DIGEST_LENGTH: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

const CHECKSUM_HEADERS: ReadonlyMap<string, ChecksumAlgorithm> = new Map([
  ['x-amz-checksum-crc32', 'CRC32'],
  ['x-amz-checksum-crc32c', 'CRC32C'],
  ['x-amz-checksum-crc64nvme', 'CRC64NVME'],
  ['x-amz-checksum-sha1', 'SHA1'],
  ['x-amz-checksum-sha256', 'SHA256'],
]);

/** Returns the algorithm of an `x-amz-checksum-*` header name, or undefined for any other name. */
export function checksumAlgorithmOfHeader(headerName: string): ChecksumAlgorithm | undefined {
  return CHECKSUM_HEADERS.get(headerName.toLowerCase());
}

/** Checks that a value is canonical base64 of the algorithm's digest length. */
export function isValidChecksumValue(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_LENGTH[algorithm] && bytes.toString('base64') === value;
}

function uint32BigEndian(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

class Crc32Calculator implements ChecksumCalculator {
  private value = 0;
  update(data: Uint8Array): void {
    this.value = crc32(data, this.value);
  }
  async digest(): Promise<string> {
    return uint32BigEndian(this.value).toString('base64');
  }
}

class Crc32cCalculator implements ChecksumCalculator {
  private readonly crc = new Crc32c();
  update(data: Uint8Array): void {
    this.crc.update(data);
  }
  async digest(): Promise<string> {
    return uint32BigEndian(this.crc.digest()).toString('base64');
  }
}

class Crc64NvmeCalculator implements ChecksumCalculator {
  private readonly crc = new Crc64Nvme();
  update(data: Uint8Array): void {
    this.crc.update(data);
  }
  async digest(): Promise<string> {
    return Buffer.from(await this.crc.digest()).toString('base64');
  }
}

class HashCalculator implements ChecksumCalculator {
  private readonly hash: Hash;
  constructor(algorithm: 'sha1' | 'sha256' | 'md5') {
    this.hash = createHash(algorithm);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<string> {
    return this.hash.digest('base64');
  }
}

export function createChecksumCalculator(algorithm: ChecksumAlgorithm): ChecksumCalculator {
  switch (algorithm) {
    case 'CRC32':
      return new Crc32Calculator();
    case 'CRC32C':
      return new Crc32cCalculator();
    case 'CRC64NVME':
      return new Crc64NvmeCalculator();
    case 'SHA1':
      return new HashCalculator('sha1');
    case 'SHA256':
      return new HashCalculator('sha256');
  }
}

/** MD5 for `Content-MD5`, which is the base64 of 16 bytes like the checksums above. */
export function createContentMd5Calculator(): ChecksumCalculator {
  return new HashCalculator('md5');
}
