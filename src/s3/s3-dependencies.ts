/**
 * @module Dependencies that the S3 operations take from the rest of the server.
 */
import type { RootKeystore } from '../kms/root-keystores/root-keystore.js';
import type { BlobStore } from '../storage/blobs/blob-store.js';
import type { SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import type { DataKeyProvider } from './server-side-encryption/data-key-provider.js';

export interface S3Dependencies {
  readonly database: SqliteDatabase;
  readonly blobs: BlobStore;
  readonly dataKeys: DataKeyProvider;
  readonly rootKeystore: RootKeystore;
  readonly region: string;
  readonly clock: () => Date;
  readonly random: (size: number) => Buffer;
}
