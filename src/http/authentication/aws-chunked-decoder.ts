/**
 * @module Decoder for `Content-Encoding: aws-chunked` bodies.
 *
 * The body is a series of chunks, then a zero-length chunk, then an optional
 * trailer of `name:value` lines and an empty line:
 *
 *     <hex size>[;chunk-signature=<hex>]\r\n<data>\r\n ... 0[;chunk-signature=<hex>]\r\n
 *     x-amz-checksum-crc32:<base64>\r\n
 *     x-amz-trailer-signature:<hex>\r\n
 *     \r\n
 *
 * Bytes may arrive split at any point, so the decoder keeps its position in a
 * small state machine and keeps at most one line in memory.
 */
import { createHash, type Hash } from 'node:crypto';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { computeSignature } from '../../sigv4/compute-signature.js';
import { EMPTY_SHA256 } from '../../sigv4/constants.js';
import { createChunkStringToSign } from '../../sigv4/create-chunk-string-to-sign.js';
import { createTrailerStringToSign } from '../../sigv4/create-trailer-string-to-sign.js';
import { getCanonicalTrailer } from '../../sigv4/get-canonical-trailer.js';
import { toHex } from '../../sigv4/to-hex.js';
import type { HeaderList } from '../../sigv4/types.js';
import { AuthenticationError } from './authentication-error.js';
import { signaturesMatch, type VerifiedSignature } from './verify-signature.js';

// A size line contains at most a 13-digit hex size and a 64-digit signature, so these limits leave ample room.
const MAX_LINE_LENGTH = 4096;
const MAX_TRAILER_LENGTH = 16 * 1024;
const TRAILER_SIGNATURE_FIELD = 'x-amz-trailer-signature';

export interface AwsChunkedDecoderOptions {
  /** The request's verified signature, when every chunk must carry a signature chained from it. */
  readonly chunkSignatures: VerifiedSignature | undefined;
  /** Whether the trailer must carry `x-amz-trailer-signature`. Requires `chunkSignatures`. */
  readonly trailerSignature: boolean;
}

type DecoderState = 'size-line' | 'data' | 'data-end' | 'trailer' | 'done';

function malformed(detail: string): AuthenticationError {
  return new AuthenticationError('IncompleteBody', `The aws-chunked request body is malformed: ${detail}.`);
}

function signatureMismatch(): AuthenticationError {
  return new AuthenticationError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
}

export class AwsChunkedDecoder {
  private state: DecoderState = 'size-line';
  private line = '';
  private remaining = 0;
  private lineEndBytesSeen = 0;
  private chunkHash: Hash | undefined;
  private chunkSignature = '';
  private previousSignature: string;
  private trailerLength = 0;
  private trailerSignature: string | undefined;
  private lastTrailerLineEndedWithLf = false;
  private readonly trailerFields: Array<readonly [string, string]> = [];

  constructor(private readonly options: AwsChunkedDecoderOptions) {
    this.previousSignature = options.chunkSignatures?.seedSignature ?? '';
  }

  /** Trailer fields without the trailer signature. Complete once `end` has returned. */
  get trailer(): HeaderList {
    return this.trailerFields;
  }

  /**
   * Decodes the next bytes of the body and passes each run of data to `emit`.
   * Data reaches `emit` before its chunk's signature is checked, so the caller
   * must discard it if this or a later call throws.
   *
   * @throws AuthenticationError on broken framing or a signature that does not match.
   */
  write(bytes: Buffer, emit: (data: Buffer) => void): void {
    let offset = 0;
    while (offset < bytes.length) {
      switch (this.state) {
        case 'size-line':
        case 'trailer': {
          const newline = bytes.indexOf(0x0a, offset);
          const lineEnd = newline === -1 ? bytes.length : newline;
          this.line += bytes.toString('latin1', offset, lineEnd);
          if (this.line.length > MAX_LINE_LENGTH) throw malformed('a line is too long');
          offset = lineEnd;
          if (newline === -1) break;

          offset += 1;
          const endedWithCarriageReturn = this.line.endsWith('\r');
          const line = endedWithCarriageReturn ? this.line.slice(0, -1) : this.line;
          this.line = '';
          if (this.state === 'size-line') {
            this.readSizeLine(line);
          } else if (line === '' && endedWithCarriageReturn && this.lastTrailerLineEndedWithLf) {
            // Some clients end trailer fields with LF and then add CRLF, so "\n\r\n" is one line end.
            this.lastTrailerLineEndedWithLf = false;
          } else {
            this.lastTrailerLineEndedWithLf = line !== '' && !endedWithCarriageReturn;
            this.readTrailerLine(line);
          }
          break;
        }

        case 'data': {
          const take = Math.min(this.remaining, bytes.length - offset);
          const data = bytes.subarray(offset, offset + take);
          this.chunkHash?.update(data);
          emit(data);
          this.remaining -= take;
          offset += take;
          if (this.remaining === 0) {
            this.finishChunk();
            this.state = 'data-end';
          }
          break;
        }

        case 'data-end': {
          const expected = this.lineEndBytesSeen === 0 ? 0x0d : 0x0a;
          if (bytes[offset] !== expected) throw malformed('chunk data is not followed by CRLF');
          offset += 1;
          this.lineEndBytesSeen += 1;
          if (this.lineEndBytesSeen === 2) {
            this.lineEndBytesSeen = 0;
            this.state = 'size-line';
          }
          break;
        }

        case 'done':
          throw malformed('data follows the end of the body');
      }
    }
  }

  /**
   * Checks that the body ended where it may end: after the trailer's closing
   * empty line, right after the zero-length chunk (the AWS SDK for JavaScript
   * sends no more when there is no trailer), or after the last trailer line.
   *
   * @throws AuthenticationError `IncompleteBody` for a body cut short, or a trailer signature mismatch.
   */
  end(): void {
    if (this.state === 'done') return;
    if (this.state !== 'trailer') {
      throw new AuthenticationError(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    }

    const pendingLine = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    this.line = '';
    if (pendingLine !== '') this.readTrailerLine(pendingLine);
    this.finishTrailer();
  }

  private readSizeLine(line: string): void {
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9A-Fa-f]{1,13}$/.test(sizeText.trim())) throw malformed(`invalid chunk size "${sizeText.slice(0, 32)}"`);
    const size = Number.parseInt(sizeText.trim(), 16);

    let signature: string | undefined;
    for (const extension of extensions) {
      const [name = '', value = ''] = extension.split('=', 2);
      if (name.trim() === 'chunk-signature') signature = value.trim();
    }
    if (this.options.chunkSignatures !== undefined && signature === undefined) throw signatureMismatch();
    this.chunkSignature = signature ?? '';

    if (size === 0) {
      this.checkChunkSignature(EMPTY_SHA256);
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.chunkHash = this.options.chunkSignatures === undefined ? undefined : createHash('sha256');
    this.state = 'data';
  }

  private finishChunk(): void {
    if (this.chunkHash === undefined) return;
    this.checkChunkSignature(this.chunkHash.digest('hex'));
    this.chunkHash = undefined;
  }

  /** Checks the current chunk's signature, which then becomes the previous one in the chain. */
  private checkChunkSignature(chunkSha256: string): void {
    const chain = this.options.chunkSignatures;
    if (chain === undefined) return;

    const stringToSign = createChunkStringToSign({
      requestDateTime: chain.chunkSigning.requestDateTime,
      credentialScope: chain.chunkSigning.credentialScope,
      previousSignature: this.previousSignature,
      chunkSha256,
    });
    const expected = computeSignature(chain.chunkSigning.signingKey, stringToSign, nodeSha256);
    if (!signaturesMatch(expected, this.chunkSignature)) throw signatureMismatch();
    this.previousSignature = this.chunkSignature;
  }

  private readTrailerLine(line: string): void {
    if (line === '') {
      this.finishTrailer();
      return;
    }

    this.trailerLength += line.length;
    if (this.trailerLength > MAX_TRAILER_LENGTH) throw malformed('the trailer is too long');
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed('a trailer line has no field name');

    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE_FIELD) this.trailerSignature = value;
    else this.trailerFields.push([name, value]);
  }

  private finishTrailer(): void {
    this.state = 'done';
    const chain = this.options.chunkSignatures;
    if (!this.options.trailerSignature || chain === undefined) return;

    if (this.trailerSignature === undefined) throw signatureMismatch();
    const stringToSign = createTrailerStringToSign({
      requestDateTime: chain.chunkSigning.requestDateTime,
      credentialScope: chain.chunkSigning.credentialScope,
      previousSignature: this.previousSignature,
      trailerSha256: toHex(nodeSha256.sha256(getCanonicalTrailer(this.trailerFields))),
    });
    const expected = computeSignature(chain.chunkSigning.signingKey, stringToSign, nodeSha256);
    if (!signaturesMatch(expected, this.trailerSignature)) throw signatureMismatch();
  }
}
