/**
 * @module Ordered list of SQLite schema migrations. Append only: an applied
 * migration is never edited, because databases in the field already ran it.
 */
import { identitySchema } from './001-identity.js';
import { kmsSchema } from './002-kms.js';
import { s3Schema } from './003-s3.js';
import { s3MultipartSchema } from './004-s3-multipart.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'identity', sql: identitySchema },
  { version: 2, name: 'kms', sql: kmsSchema },
  { version: 3, name: 's3', sql: s3Schema },
  { version: 4, name: 's3-multipart', sql: s3MultipartSchema },
];
