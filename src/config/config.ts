/**
 * @module Server configuration from environment variables and command-line options.
 *
 * Every setting has an environment variable and a matching option; an option
 * given on the command line wins over the environment.
 */
import { Command, Option } from 'commander';
import { isAccountId } from '../identity/principals.js';
import { isValidAccessKeyId, isValidSecretAccessKey } from '../identity/access-keys.js';

export interface ServerConfig {
  readonly listenHost: string;
  readonly listenPort: number;
  readonly region: string;
  readonly dataDirectory: string;
  /** Undefined when unset: the account id stored on first start is reused, or a new one generated. */
  readonly accountId: string | undefined;
  readonly rootCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  /** Host name suffixes under which `<bucket>.<suffix>` selects a bucket (virtual-host style). */
  readonly virtualHostSuffixes: readonly string[];
  /** Seconds a request body may go without receiving data before the request fails with RequestTimeout. */
  readonly idleTimeoutSeconds: number;
}

/**
 * Default for `idleTimeoutSeconds`. AWS S3 sends 400 RequestTimeout after an
 * idle period it does not document; reports by its users put it near 20
 * seconds. The longer default spares slow or briefly stalled links.
 */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `argv` (without the node and script entries) and `env` into a validated config. */
export function loadServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const program = new Command('strongroom-server')
    .description('S3-compatible object storage with an AWS-KMS-compatible key service')
    .addOption(new Option('--listen <host:port>', 'address to listen on').env('STRONGROOM_LISTEN').default('127.0.0.1:9000'))
    .addOption(new Option('--region <region>', 'AWS region name the server answers as').env('STRONGROOM_REGION').default('us-east-1'))
    .addOption(new Option('--data-dir <path>', 'folder for metadata, object data and the root key').env('STRONGROOM_DATA_DIR').default('./data'))
    .addOption(new Option('--account-id <id>', '12-digit id of the default account (generated on first start when unset)').env('STRONGROOM_ACCOUNT_ID'))
    .addOption(new Option('--root-access-key-id <id>', 'access key id of the default account root (generated on first start when unset)').env('STRONGROOM_ROOT_ACCESS_KEY_ID'))
    .addOption(
      new Option('--root-secret-access-key <secret>', 'secret of the root access key; prefer the environment variable, which other users cannot see in the process list').env(
        'STRONGROOM_ROOT_SECRET_ACCESS_KEY',
      ),
    )
    .addOption(
      new Option('--virtual-host-suffixes <list>', 'comma-separated host suffixes for virtual-host style bucket addressing').env('STRONGROOM_VIRTUAL_HOST_SUFFIXES').default('localhost'),
    )
    .addOption(
      new Option('--idle-timeout-seconds <seconds>', 'seconds a request body may go without receiving data before the request fails with RequestTimeout')
        .env('STRONGROOM_IDLE_TIMEOUT_SECONDS')
        .default(String(DEFAULT_IDLE_TIMEOUT_SECONDS)),
    )
    .allowExcessArguments(false);

  // commander reads variables from process.env only, so point it at the given one.
  const savedEnv = process.env;
  process.env = env;
  try {
    program.parse([...argv], { from: 'user' });
  } finally {
    process.env = savedEnv;
  }

  return validate(program.opts());
}

function validate(options: Record<string, string | undefined>): ServerConfig {
  const { host, port } = parseListenAddress(options.listen ?? '');

  const region = options.region ?? '';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new ConfigError(`Invalid region '${region}': expected a name like us-east-1`);
  }

  const accountId = options.accountId;
  if (accountId !== undefined && !isAccountId(accountId)) {
    throw new ConfigError(`Invalid account id '${accountId}': expected 12 digits`);
  }

  const idleTimeoutSeconds = parseIdleTimeout(options.idleTimeoutSeconds ?? String(DEFAULT_IDLE_TIMEOUT_SECONDS));

  return {
    listenHost: host,
    listenPort: port,
    region,
    dataDirectory: options.dataDir ?? './data',
    accountId,
    rootCredentials: parseRootCredentials(options.rootAccessKeyId, options.rootSecretAccessKey),
    virtualHostSuffixes: (options.virtualHostSuffixes ?? '')
      .split(',')
      .map((suffix) => suffix.trim().toLowerCase())
      .filter((suffix) => suffix !== ''),
    idleTimeoutSeconds,
  };
}

/** Accepts a positive number of seconds, fractions included, up to one day. */
function parseIdleTimeout(value: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= 86_400)) {
    throw new ConfigError(`Invalid idle timeout '${value}': expected a number of seconds above 0 and at most 86400`);
  }
  return seconds;
}

/** Accepts `host:port`, `[ipv6]:port` and `:port`; port 0 picks a free port. */
export function parseListenAddress(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new ConfigError(`Invalid listen address '${value}': expected host:port, for example 127.0.0.1:9000`);
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

function parseRootCredentials(accessKeyId: string | undefined, secretAccessKey: string | undefined): ServerConfig['rootCredentials'] {
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    return undefined;
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new ConfigError('Set both STRONGROOM_ROOT_ACCESS_KEY_ID and STRONGROOM_ROOT_SECRET_ACCESS_KEY, or neither');
  }
  if (!isValidAccessKeyId(accessKeyId)) {
    throw new ConfigError('Invalid root access key id: expected 16 to 128 uppercase letters and digits');
  }
  if (!isValidSecretAccessKey(secretAccessKey)) {
    throw new ConfigError('Invalid root secret access key: expected 16 to 128 printable ASCII characters without spaces');
  }
  return { accessKeyId, secretAccessKey };
}
