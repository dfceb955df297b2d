/**
 * @module Crash-safe small-file writes: temp file, fsync, rename, fsync of the folder.
 */
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, basename } from 'node:path';

/**
 * Writes `data` to `path` so that after a crash the file contains either the old
 * content or the new one, never a mix. `mode` applies from creation, so a secret
 * is never readable by others even for an instant.
 */
export async function writeFileDurably(path: string, data: Uint8Array | string, mode = 0o600): Promise<void> {
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

  const file = await open(tempPath, 'wx', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(tempPath, { force: true });
    throw error;
  }
  await file.close();

  await rename(tempPath, path);
  await fsyncDirectory(dirname(path));
}

/** Flushes a folder's entries, which makes a rename inside it durable. */
export async function fsyncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
