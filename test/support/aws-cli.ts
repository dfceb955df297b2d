/**
 * @module Runs Debian's aws CLI v2 (`/usr/bin/aws`) against a test server.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { TestCredentials } from './server-harness.js';

const execFileAsync = promisify(execFile);

/** Debian's `awscli` package installs v2 here; a Python v1 earlier on PATH must not be picked up. */
export const AWS_CLI_PATH = '/usr/bin/aws';

/** The reason to skip, or undefined when the CLI is installed. */
export function awsCliMissingReason(): string | undefined {
  return existsSync(AWS_CLI_PATH) ? undefined : `${AWS_CLI_PATH} not found: install the Debian package awscli (apt-get install awscli)`;
}

export interface AwsCliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aws --endpoint-url <endpoint> <args>` with only the given credentials in its environment. */
export async function runAwsCli(endpoint: string, region: string, credentials: TestCredentials, args: readonly string[], cwd?: string): Promise<AwsCliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };

  try {
    const { stdout, stderr } = await execFileAsync(AWS_CLI_PATH, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, cwd, maxBuffer: 16 * 1024 * 1024 });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') {
      throw error;
    }
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
