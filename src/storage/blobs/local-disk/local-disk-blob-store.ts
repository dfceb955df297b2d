/**
 * @module Blob store in a local folder, one file per blob.
 *
 * Layout: `<root>/<first two hex digits of the id>/<id>`. A blob is written to
 * `<id>.tmp` in its final folder, flushed with fsync, renamed into place and the
 * folder flushed, so after a crash a blob is either complete or absent, and the
 * only debris is `*.tmp` files, which {@link LocalDiskBlobStore.open} deletes.
 */
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncDirectory } from '../../files/write-file-durably.js';
import { assertValidBlobId, BlobNotFoundError, type BlobRange, type BlobStore } from '../blob-store.js';
import { writeFully } from './write-fully.js';

const TEMP_SUFFIX = '.tmp';

export interface LocalDiskBlobStoreOptions {
  /** Flushes a folder's entries to disk. Tests replace it to observe the order of flushes. */
  readonly fsyncDirectory?: (path: string) => Promise<void>;
}

export class LocalDiskBlobStore implements BlobStore {
  /**
   * One promise per fan-out folder, settled once the folder exists and its
   * entry in the root is durable. Every put into the folder awaits it, so no
   * put commits a blob into a folder whose creation a crash could still undo.
   */
  private readonly readyFolders = new Map<string, Promise<void>>();

  private constructor(
    private readonly root: string,
    private readonly fsyncFolder: (path: string) => Promise<void>,
  ) {}

  /**
   * Opens the store at `root`, creating the folder when needed, and deletes
   * temp files left by writes that a crash interrupted.
   *
   * NOTE: this assumes one server process writes to `root`. A second process
   * starting would delete the first one's in-progress temp files.
   */
  static async open(root: string, options: LocalDiskBlobStoreOptions = {}): Promise<LocalDiskBlobStore> {
    await mkdir(root, { recursive: true, mode: 0o700 });
    await deleteTempFiles(root);
    return new LocalDiskBlobStore(root, options.fsyncDirectory ?? fsyncDirectory);
  }

  async put(blobId: string, source: AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    assertValidBlobId(blobId);
    const folder = await this.ensureFolder(blobId);
    const finalPath = join(folder, blobId);
    const tempPath = finalPath + TEMP_SUFFIX;

    // Write and flush the temp file; on any failure remove it, so no partial blob remains.
    let size = 0;
    const file = await open(tempPath, 'wx', 0o600);
    try {
      for await (const chunk of source) {
        await writeFully(file, chunk);
        size += chunk.length;
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(tempPath, { force: true });
      throw error;
    }
    await file.close();

    // The rename makes the blob visible; flushing the folder makes the rename durable.
    await rename(tempPath, finalPath);
    await this.fsyncFolder(folder);
    return { size };
  }

  async get(blobId: string, range?: BlobRange): Promise<Readable> {
    assertValidBlobId(blobId);
    const path = join(this.folderOf(blobId), blobId);

    let file;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new BlobNotFoundError(blobId);
      }
      throw error;
    }

    // The stream owns the handle from here and closes it when it ends or is destroyed.
    return file.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async delete(blobId: string): Promise<void> {
    assertValidBlobId(blobId);
    await rm(join(this.folderOf(blobId), blobId), { force: true });
  }

  private folderOf(blobId: string): string {
    return join(this.root, blobId.slice(0, 2));
  }

  private async ensureFolder(blobId: string): Promise<string> {
    const folder = this.folderOf(blobId);

    let ready = this.readyFolders.get(folder);
    if (ready === undefined) {
      ready = this.createFolder(folder);
      this.readyFolders.set(folder, ready);
      // A failed creation is not cached, so the next put tries again.
      ready.catch(() => this.readyFolders.delete(folder));
    }
    await ready;
    return folder;
  }

  private async createFolder(folder: string): Promise<void> {
    const created = await mkdir(folder, { recursive: true, mode: 0o700 });
    if (created !== undefined) {
      // A new folder's entry in the root must survive a crash too.
      await this.fsyncFolder(this.root);
    }
  }
}

async function deleteTempFiles(root: string): Promise<void> {
  const folders = await readdir(root, { withFileTypes: true });
  for (const folder of folders) {
    if (!folder.isDirectory()) {
      continue;
    }
    const folderPath = join(root, folder.name);
    for (const name of await readdir(folderPath)) {
      if (name.endsWith(TEMP_SUFFIX)) {
        await rm(join(folderPath, name), { force: true });
      }
    }
  }
}
