/**
 * @module An S3Service on an in-memory database, a temporary blob folder and an
 * in-process stand-in for KMS, for unit tests.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Principal } from '../identity/principals.js';
import { LocalFileRootKeystore } from '../kms/root-keystores/local-file-root-keystore.js';
import { LocalDiskBlobStore } from '../storage/blobs/local-disk/local-disk-blob-store.js';
import { openSqliteDatabase, type SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import type { PutObjectRequest } from './objects/put-object.js';
import { S3Service } from './s3-service.js';
import { DataKeyError, type DataKeyProvider } from './server-side-encryption/data-key-provider.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

export function principalOf(accountId: string, userName?: string): Principal {
  return {
    accountId,
    type: userName === undefined ? 'root' : 'user',
    arn: userName === undefined ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/${userName}`,
    principalId: userName === undefined ? accountId : `AIDA${userName.toUpperCase()}`,
    ...(userName === undefined ? {} : { userName }),
    accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
  };
}

/**
 * A stand-in for KMS: one key, `alias/app`, whose data keys are wrapped with
 * AES-GCM over the JSON of the encryption context. `alias/missing` is not
 * found and `alias/disabled` is disabled; `denied` lists accounts it refuses.
 */
export class FakeDataKeyProvider implements DataKeyProvider {
  readonly keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  readonly denied = new Set<string>();
  generateCalls = 0;
  readonly #wrappingKey = randomBytes(32);

  async generateDataKey(request: Parameters<DataKeyProvider['generateDataKey']>[0]) {
    this.generateCalls += 1;
    this.#check(request.keyId ?? 'alias/aws/s3', request.caller.accountId);
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#wrappingKey, iv);
    cipher.setAAD(Buffer.from(JSON.stringify(request.encryptionContext)));
    const ciphertextBlob = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { keyArn: this.keyArn, plaintext, ciphertextBlob };
  }

  async decryptDataKey(request: Parameters<DataKeyProvider['decryptDataKey']>[0]) {
    this.#check('alias/app', request.caller.accountId);
    const blob = Buffer.from(request.ciphertextBlob);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#wrappingKey, blob.subarray(0, 12));
      decipher.setAAD(Buffer.from(JSON.stringify(request.encryptionContext)));
      decipher.setAuthTag(blob.subarray(blob.length - 16));
      const plaintext = Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
      return { keyArn: this.keyArn, plaintext };
    } catch {
      throw new DataKeyError('InvalidCiphertextException', 'The ciphertext is invalid');
    }
  }

  #check(keyId: string, accountId: string): void {
    if (this.denied.has(accountId)) {
      throw new DataKeyError('AccessDeniedException', `User is not authorized to use ${this.keyArn}`);
    }
    if (keyId === 'alias/missing') {
      throw new DataKeyError('NotFoundException', `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/missing is not found.`);
    }
    if (keyId === 'alias/disabled') {
      throw new DataKeyError('DisabledException', `${this.keyArn} is disabled.`);
    }
  }
}

export interface S3Fixture {
  readonly service: S3Service;
  readonly database: SqliteDatabase;
  readonly blobs: LocalDiskBlobStore;
  readonly dataKeys: FakeDataKeyProvider;
  readonly rootKeystore: LocalFileRootKeystore;
  readonly blobFolder: string;
  /** Reads every blob file, so tests can check what is left on disk and that it is not plaintext. */
  readBlobFiles(): Promise<Buffer[]>;
  cleanup(): Promise<void>;
}

export async function createS3Fixture(): Promise<S3Fixture> {
  const database = openSqliteDatabase(':memory:');
  const now = new Date().toISOString();
  for (const accountId of [ACCOUNT, OTHER_ACCOUNT]) {
    database.prepare('INSERT INTO accounts (account_id, created_at) VALUES (?, ?)').run(accountId, now);
  }

  const blobFolder = await mkdtemp(join(tmpdir(), 'strongroom-s3-'));
  const blobs = await LocalDiskBlobStore.open(blobFolder);
  const dataKeys = new FakeDataKeyProvider();
  const rootKeystore = new LocalFileRootKeystore(randomBytes(32));
  const service = new S3Service({ database, blobs, dataKeys, rootKeystore, region: REGION });

  return {
    service,
    database,
    blobs,
    dataKeys,
    rootKeystore,
    blobFolder,
    async readBlobFiles() {
      const files: Buffer[] = [];
      for (const folder of await readdir(blobFolder)) {
        for (const name of await readdir(join(blobFolder, folder))) {
          files.push(await readFile(join(blobFolder, folder, name)));
        }
      }
      return files;
    },
    async cleanup() {
      database.close();
      await rm(blobFolder, { recursive: true, force: true });
    },
  };
}

/** Builds a PutObject request for `data` with no optional headers. */
export function putRequest(bucket: string, key: string, data: Buffer | string, extra: Partial<PutObjectRequest> = {}): PutObjectRequest {
  const bytes = Buffer.from(data);
  return {
    bucket,
    key,
    body: Readable.from([bytes]),
    contentLength: bytes.length,
    headers: {},
    userMetadata: {},
    encryption: {},
    ...extra,
  };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}
