import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeFully, type WritableFile } from './write-fully.js';

/** A file that accepts at most `maxPerWrite` bytes per call, as a short write would. */
function shortWritingFile(maxPerWrite: number): WritableFile & { written: Buffer[]; calls: number } {
  const file = {
    written: [] as Buffer[],
    calls: 0,
    async write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }> {
      file.calls += 1;
      const bytesWritten = Math.min(length, maxPerWrite);
      file.written.push(Buffer.from(buffer.subarray(offset, offset + bytesWritten)));
      return { bytesWritten };
    },
  };
  return file;
}

describe('writeFully', () => {
  it('repeats short writes until every byte is written', async () => {
    const file = shortWritingFile(3);
    const chunk = Buffer.from('0123456789');

    await writeFully(file, chunk);

    assert.deepEqual(Buffer.concat(file.written), chunk);
    assert.equal(file.calls, 4);
  });

  it('writes a whole chunk in one call when it can', async () => {
    const file = shortWritingFile(1024);

    await writeFully(file, Buffer.from('abc'));

    assert.equal(file.calls, 1);
    assert.equal(Buffer.concat(file.written).toString(), 'abc');
  });

  it('writes nothing for an empty chunk', async () => {
    const file = shortWritingFile(3);

    await writeFully(file, new Uint8Array(0));

    assert.equal(file.calls, 0);
  });

  it('rejects a write that makes no progress', async () => {
    const file = shortWritingFile(0);

    await assert.rejects(writeFully(file, Buffer.from('abc')), /made no progress with 3 bytes left/);
  });
});
