/**
 * @module The bytes every segment of a part is bound to.
 */

/** A part of a multipart upload: the object it will become, the upload and its part number. */
export interface PartIdentity {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
}

/**
 * Encodes a part's identity, each field length-prefixed. The label differs
 * from a single-PUT object's identity, so a part's data never decrypts as a
 * whole object, and the upload id and part number keep a part from decrypting
 * in another upload or at another position.
 */
export function encodePartIdentity(identity: PartIdentity): Buffer {
  const fields = [identity.bucket, identity.key, identity.uploadId, String(identity.partNumber)].map((field) => Buffer.from(field, 'utf8'));
  const parts: Buffer[] = [Buffer.from('strongroom-part-v1', 'ascii')];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(field.length, 0);
    parts.push(length, field);
  }
  return Buffer.concat(parts);
}
