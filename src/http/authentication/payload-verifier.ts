/**
 * @module The stream that turns a received body into the verified payload.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AuthenticationError } from './authentication-error.js';
import { AwsChunkedDecoder } from './aws-chunked-decoder.js';
import {
  createChecksumCalculator,
  createContentMd5Calculator,
  type ChecksumAlgorithm,
  type ChecksumCalculator,
} from './checksums.js';
import type { PayloadPlan } from './payload-plan.js';
import type { VerifiedSignature } from './verify-signature.js';

const TRAILER_FIELD: Record<ChecksumAlgorithm, string> = {
  CRC32: 'x-amz-checksum-crc32',
  CRC32C: 'x-amz-checksum-crc32c',
  CRC64NVME: 'x-amz-checksum-crc64nvme',
  SHA1: 'x-amz-checksum-sha1',
  SHA256: 'x-amz-checksum-sha256',
};

function lengthMismatch(): AuthenticationError {
  return new AuthenticationError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );
}

function checksumMismatch(algorithm: ChecksumAlgorithm): AuthenticationError {
  return new AuthenticationError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
}

/**
 * Removes aws-chunked framing and checks, as the bytes pass, everything the
 * plan names: chunk and trailer signatures, the `x-amz-content-sha256` hash,
 * the declared length, `x-amz-checksum-*` values and `Content-MD5`. Memory use
 * does not grow with the body. Data is passed on before the checks that need
 * the whole body, which fail the stream with an `AuthenticationError` at its
 * end, so a consumer must not commit anything until the stream has ended.
 */
export class PayloadVerifier extends Transform {
  private readonly receivedSha256: Hash | undefined;
  private readonly decoder: AwsChunkedDecoder | undefined;
  private readonly headerChecksum: ChecksumCalculator | undefined;
  private readonly trailerChecksum: ChecksumCalculator | undefined;
  private readonly contentMd5: ChecksumCalculator | undefined;
  private decodedLength = 0;

  constructor(
    private readonly plan: PayloadPlan,
    signature: VerifiedSignature | undefined,
  ) {
    super();
    this.receivedSha256 = plan.expectedSha256 === undefined ? undefined : createHash('sha256');
    this.decoder =
      plan.framing === 'aws-chunked'
        ? new AwsChunkedDecoder({
            chunkSignatures: plan.chunkSignatures ? signature : undefined,
            trailerSignature: plan.trailerSignature,
          })
        : undefined;
    this.headerChecksum = plan.headerChecksum && createChecksumCalculator(plan.headerChecksum.algorithm);
    this.trailerChecksum = plan.trailerChecksum && createChecksumCalculator(plan.trailerChecksum);
    this.contentMd5 = plan.contentMd5 === undefined ? undefined : createContentMd5Calculator();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.receivedSha256?.update(chunk);
      if (this.decoder === undefined) this.accept(chunk);
      else this.decoder.write(chunk, (data) => this.accept(data));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    this.finish().then(
      () => callback(),
      (error: unknown) => callback(error as Error),
    );
  }

  /** Counts and checksums decoded data, then passes it on. */
  private accept(data: Buffer): void {
    this.decodedLength += data.length;
    const declared = this.plan.decodedContentLength;
    if (declared !== undefined && this.decodedLength > declared) throw lengthMismatch();

    this.headerChecksum?.update(data);
    this.trailerChecksum?.update(data);
    this.contentMd5?.update(data);
    this.push(data);
  }

  /** Runs the checks that need the whole body, once the source has ended. */
  private async finish(): Promise<void> {
    this.decoder?.end();

    if (this.receivedSha256 !== undefined) {
      const computed = this.receivedSha256.digest('hex');
      if (computed !== this.plan.expectedSha256) {
        throw new AuthenticationError(
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          { ClientComputedContentSHA256: this.plan.expectedSha256 ?? '', S3ComputedContentSHA256: computed },
        );
      }
    }

    const declared = this.plan.decodedContentLength;
    if (declared !== undefined && this.decodedLength !== declared) throw lengthMismatch();

    if (this.plan.headerChecksum !== undefined && this.headerChecksum !== undefined) {
      if ((await this.headerChecksum.digest()) !== this.plan.headerChecksum.value) {
        throw checksumMismatch(this.plan.headerChecksum.algorithm);
      }
    }

    if (this.plan.trailerChecksum !== undefined && this.trailerChecksum !== undefined && this.decoder !== undefined) {
      const field = TRAILER_FIELD[this.plan.trailerChecksum];
      const sent = this.decoder.trailer.find(([name]) => name === field)?.[1];
      if (sent === undefined) {
        throw new AuthenticationError(
          'IncompleteBody',
          `The request body ended without the ${field} trailer declared in x-amz-trailer.`,
        );
      }
      if ((await this.trailerChecksum.digest()) !== sent) throw checksumMismatch(this.plan.trailerChecksum);
    }

    if (this.plan.contentMd5 !== undefined && this.contentMd5 !== undefined) {
      if ((await this.contentMd5.digest()) !== this.plan.contentMd5) {
        throw new AuthenticationError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
    }
  }
}
