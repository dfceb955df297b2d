/**
 * @module Starts a real Strongroom server process on a free loopback port for tests.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { repositoryRoot } from './repository-root.js';

const execFileAsync = promisify(execFile);

export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface TestUser extends TestCredentials {
  readonly userName: string;
  readonly arn: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the server, for benchmarks that read its memory use. */
  readonly pid: number;
  readonly region: string;
  readonly accountId: string;
  readonly rootCredentials: TestCredentials;
  readonly dataDirectory: string;
  /** Every JSON log line the server has written to stdout so far, in order. */
  readonly logs: readonly ServerLogRecord[];
  /** Creates a user of the server's account through the admin command. */
  createUser(userName: string): Promise<TestUser>;
  /**
   * Stops the process and removes its data folder unless `keepData` is set.
   * `signal: 'SIGKILL'` stops it as a crash would, with no chance to clean up.
   */
  stop(options?: { keepData?: boolean; signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
}

/** One pino log line; `level` is pino's number (30 info, 40 warn, 50 error). */
export interface ServerLogRecord {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export interface StartServerOptions {
  readonly accountId?: string;
  readonly region?: string;
  /** Reuse a data folder, for example to restart after a stop with `keepData`. */
  readonly dataDirectory?: string;
  readonly rootCredentials?: TestCredentials;
  readonly extraEnv?: Record<string, string>;
}

const STARTUP_TIMEOUT_MS = 20_000;

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const root = repositoryRoot();
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'strongroom-test-')));
  const accountId = options.accountId ?? '111122223333';
  const region = options.region ?? 'us-east-1';
  const rootCredentials = options.rootCredentials ?? {
    accessKeyId: 'AKIA' + randomBytes(8).toString('hex').toUpperCase(),
    secretAccessKey: randomBytes(30).toString('base64'),
  };

  const env = {
    ...process.env,
    STRONGROOM_LISTEN: '127.0.0.1:0',
    STRONGROOM_DATA_DIR: dataDirectory,
    STRONGROOM_ACCOUNT_ID: accountId,
    STRONGROOM_REGION: region,
    STRONGROOM_ROOT_ACCESS_KEY_ID: rootCredentials.accessKeyId,
    STRONGROOM_ROOT_SECRET_ACCESS_KEY: rootCredentials.secretAccessKey,
    STRONGROOM_LOG_LEVEL: process.env.STRONGROOM_LOG_LEVEL ?? 'warn',
    ...options.extraEnv,
  };
  // The listening line is logged at info level; keep it even when tests ask for quiet logs.
  env.STRONGROOM_LOG_LEVEL = env.STRONGROOM_LOG_LEVEL === 'warn' || env.STRONGROOM_LOG_LEVEL === 'error' ? 'info' : env.STRONGROOM_LOG_LEVEL;

  const child = spawn(process.execPath, [join(root, 'dist/src/server.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: ServerLogRecord[] = [];
  const port = await waitForListening(child, logs);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    region,
    accountId,
    rootCredentials,
    dataDirectory,
    logs,
    async createUser(userName: string): Promise<TestUser> {
      const { stdout } = await execFileAsync(
        process.execPath,
        [join(root, 'dist/src/cli/main.js'), 'admin', 'create-user', '--user-name', userName, '--account-id', accountId, '--data-dir', dataDirectory],
        { cwd: root },
      );
      const created = JSON.parse(stdout) as { UserName: string; Arn: string; AccessKeyId: string; SecretAccessKey: string };
      return { userName: created.UserName, arn: created.Arn, accessKeyId: created.AccessKeyId, secretAccessKey: created.SecretAccessKey };
    },
    async stop(stopOptions = {}): Promise<void> {
      await stopProcess(child, stopOptions.signal ?? 'SIGTERM');
      if (!stopOptions.keepData && options.dataDirectory === undefined) {
        await rm(dataDirectory, { recursive: true, force: true });
      }
    },
  };
}

/** Collects the server's JSON log lines into `logs` and resolves once it reports its port. */
function waitForListening(child: ChildProcess, logs: ServerLogRecord[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Server did not report listening within ${STARTUP_TIMEOUT_MS} ms. stderr: ${stderr.join('')}`));
    }, STARTUP_TIMEOUT_MS);

    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with code ${code} before listening. stderr: ${stderr.join('')}`));
    });

    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (process.env.STRONGROOM_TEST_SERVER_LOGS === '1') {
        process.stderr.write(line + '\n');
      }
      let record: ServerLogRecord & { port?: number };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        return;
      }
      logs.push(record);
      if (record.msg === 'Strongroom listening' && typeof record.port === 'number') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(record.port);
      }
    });
  });
}

async function stopProcess(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
