/**
 * Measures upload and download throughput and the server's peak memory for
 * objects of growing size, to show that memory use does not grow with object
 * size. Run with `npm run bench`; results are printed as a Markdown table.
 */
import { readFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { startServer } from '../test/support/server-harness.js';

const MIB = 1024 * 1024;
const SIZES_MIB = (process.env.BENCH_SIZES_MIB ?? '8,128,1024').split(',').map(Number);

/** Yields `size` bytes by repeating one random 1 MiB block, so the generator itself uses constant memory. */
function payload(size: number): Readable {
  const block = randomBytes(MIB);
  let remaining = size;
  return new Readable({
    read() {
      if (remaining === 0) {
        this.push(null);
        return;
      }
      const length = Math.min(remaining, block.length);
      remaining -= length;
      this.push(block.subarray(0, length));
    },
  });
}

async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rssMiB: field('VmRSS'), peakMiB: field('VmHWM') };
}

async function main(): Promise<void> {
  const server = await startServer();
  const client = new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: server.rootCredentials,
  });

  try {
    await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
    const idle = await memoryOf(server.pid);

    const rows: string[] = [];
    for (const sizeMiB of SIZES_MIB) {
      const size = sizeMiB * MIB;

      const putStart = process.hrtime.bigint();
      await client.send(new PutObjectCommand({ Bucket: 'bench', Key: `object-${sizeMiB}`, Body: payload(size), ContentLength: size }));
      const putSeconds = Number(process.hrtime.bigint() - putStart) / 1e9;

      const getStart = process.hrtime.bigint();
      const response = await client.send(new GetObjectCommand({ Bucket: 'bench', Key: `object-${sizeMiB}` }));
      let received = 0;
      await pipeline(
        response.Body as Readable,
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            received += chunk.length;
            callback();
          },
        }),
      );
      const getSeconds = Number(process.hrtime.bigint() - getStart) / 1e9;
      if (received !== size) {
        throw new Error(`GET returned ${received} bytes, expected ${size}`);
      }

      const memory = await memoryOf(server.pid);
      rows.push(
        `| ${sizeMiB} | ${(sizeMiB / putSeconds).toFixed(0)} | ${(sizeMiB / getSeconds).toFixed(0)} | ${memory.rssMiB.toFixed(0)} | ${memory.peakMiB.toFixed(0)} |`,
      );
    }

    console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node.js ${process.version}`);
    console.log(`Server RSS when idle after start: ${idle.rssMiB.toFixed(0)} MiB`);
    console.log('');
    console.log('| object size (MiB) | PUT (MiB/s) | GET (MiB/s) | server RSS after (MiB) | server peak RSS so far (MiB) |');
    console.log('| ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(row);
    }
  } finally {
    client.destroy();
    await server.stop();
  }
}

await main();
