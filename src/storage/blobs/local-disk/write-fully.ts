/**
 * @module Writing a whole buffer through a file handle.
 */

/** The part of `FileHandle` that {@link writeFully} uses. */
export interface WritableFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
}

/**
 * Writes every byte of `chunk` at the file's current position. A single
 * write() may write fewer bytes than asked (a full disk, a signal, some
 * network file systems), so it repeats until the rest is written.
 *
 * @throws Error when a write makes no progress, instead of looping forever.
 */
export async function writeFully(file: WritableFile, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    if (bytesWritten <= 0) {
      throw new Error(`Write to blob file made no progress with ${chunk.length - offset} bytes left`);
    }
    offset += bytesWritten;
  }
}
