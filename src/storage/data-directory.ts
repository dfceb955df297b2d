/**
 * @module The embedded default's data folder: root key, metadata database and object data.
 */
import { mkdir, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LocalFileRootKeystore } from '../kms/root-keystores/local-file-root-keystore.js';
import { openSqliteDatabase, type SqliteDatabase } from './metadata/sqlite/sqlite-database.js';
import { SqliteIdentityStore } from './metadata/sqlite/sqlite-identity-store.js';

export interface DataDirectory {
  readonly path: string;
  readonly rootKeystore: LocalFileRootKeystore;
  /** True when this call generated the root key, i.e. the folder is new. */
  readonly rootKeyCreated: boolean;
  readonly database: SqliteDatabase;
  readonly identityStore: SqliteIdentityStore;
  /** Folder for object blobs. */
  readonly objectsPath: string;
  /** File that contains generated root credentials, mode 0600. */
  readonly rootCredentialsPath: string;
}

/** Opens the data folder at `path`, creating it and its root key on first use. */
export async function openDataDirectory(path: string): Promise<DataDirectory> {
  const absolute = resolve(path);
  await mkdir(absolute, { recursive: true, mode: 0o700 });

  const objectsPath = join(absolute, 'objects');
  await mkdir(objectsPath, { recursive: true, mode: 0o700 });

  const { keystore, created } = await LocalFileRootKeystore.open(join(absolute, 'root.key'));
  const databasePath = join(absolute, 'metadata.sqlite3');
  await createPrivateFile(databasePath);
  const database = openSqliteDatabase(databasePath);

  return {
    path: absolute,
    rootKeystore: keystore,
    rootKeyCreated: created,
    database,
    identityStore: new SqliteIdentityStore(database, keystore),
    objectsPath,
    rootCredentialsPath: join(absolute, 'root-credentials.json'),
  };
}

/**
 * Creates an empty file with mode 0600 unless it exists. SQLite gives the
 * database's -wal and -shm files the database file's mode, so creating it
 * first keeps all three private whatever the process umask is.
 */
async function createPrivateFile(path: string): Promise<void> {
  const file = await open(path, 'a', 0o600);
  await file.close();
}
