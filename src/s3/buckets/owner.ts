/**
 * @module The Owner element S3 puts in listings.
 */
import { createHash } from 'node:crypto';

export interface Owner {
  /** 64 hex digits, like S3's canonical user id. */
  readonly id: string;
  readonly displayName: string;
}

/**
 * Derives a stable canonical user id from the account id. S3's canonical ids
 * are opaque 64-hex-digit strings; a hash keeps that shape without storing one.
 */
export function ownerOfAccount(accountId: string): Owner {
  const id = createHash('sha256').update(`strongroom canonical user\0${accountId}`).digest('hex');
  return { id, displayName: accountId };
}
