/**
 * @module SHA-256 for `@smithy/signature-v4` in tests, from node:crypto. The
 * tests sign with smithy's signer because it is independent of the server's.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** With a secret it computes HMAC-SHA256, as smithy's `Checksum` constructor contract expects. */
export class NodeSha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }

  update(data: SourceData): void {
    this.#hash.update(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }

  reset(): void {
    throw new Error('reset is not needed by these tests');
  }
}

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') {
    return data;
  }
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}
