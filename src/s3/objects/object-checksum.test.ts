import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKSUM_ALGORITHMS, createChecksumCalculator } from './object-checksum.js';

// Known digests of the ASCII string "Hello world", base64 of the big-endian bytes.
const HELLO_WORLD: Record<string, string> = {
  crc32: 'i9aeUg==',
  crc32c: 'crUfeA==',
  sha1: 'e1AsOh9IyGCa4hLN+2Od7jlnP14=',
  sha256: 'ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=',
};

describe('object checksums', () => {
  for (const [algorithm, expected] of Object.entries(HELLO_WORLD)) {
    it(`computes ${algorithm} across chunks`, async () => {
      const calculator = createChecksumCalculator(algorithm as (typeof CHECKSUM_ALGORITHMS)[number]);

      calculator.update(Buffer.from('Hello '));
      calculator.update(Buffer.from('world'));

      assert.equal(await calculator.digest(), expected);
    });
  }

  it('computes an 8-byte crc64nvme', async () => {
    const whole = createChecksumCalculator('crc64nvme');
    const split = createChecksumCalculator('crc64nvme');

    whole.update(Buffer.from('Hello world'));
    split.update(Buffer.from('Hello '));
    split.update(Buffer.from('world'));

    const digest = await whole.digest();
    assert.equal(Buffer.from(digest, 'base64').length, 8);
    assert.equal(await split.digest(), digest);
  });
});
