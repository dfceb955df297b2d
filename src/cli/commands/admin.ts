/**
 * @module `strongroom admin`: identity administration on a local data folder.
 *
 * These commands open the data folder directly, so they work while the server
 * runs (SQLite in WAL mode) but only on the machine that stores the data.
 */
import { Command, Option } from 'commander';
import { openDataDirectory } from '../../storage/data-directory.js';
import { generateAccessKeyPair } from '../../identity/access-keys.js';
import { isAccountId, rootArn } from '../../identity/principals.js';

export function createAdminCommand(): Command {
  const admin = new Command('admin').description('manage accounts, users and access keys in a local data folder');

  admin
    .command('create-user')
    .description('create a user with an access key and print both as JSON')
    .requiredOption('--user-name <name>', 'user name, 1 to 64 letters, digits and +=,.@_-')
    .addOption(accountOption())
    .addOption(dataDirectoryOption())
    .action(async (options: { userName: string; accountId?: string; dataDir: string }) => {
      const data = await openDataDirectory(options.dataDir);
      try {
        const accountId = await resolveAccountId(options.accountId, () => data.identityStore.getDefaultAccountId());
        await data.identityStore.ensureAccount(accountId);

        const user = await data.identityStore.createUser(accountId, options.userName);
        const pair = generateAccessKeyPair();
        await data.identityStore.putAccessKey(accountId, user.userName, pair);

        printJson({ UserName: user.userName, UserId: user.userId, Arn: user.arn, AccountId: accountId, AccessKeyId: pair.accessKeyId, SecretAccessKey: pair.secretAccessKey });
      } finally {
        data.database.close();
      }
    });

  admin
    .command('create-access-key')
    .description("create another access key for a user, or for the account root when --user-name is omitted, and print it as JSON")
    .option('--user-name <name>', 'user that owns the key')
    .addOption(accountOption())
    .addOption(dataDirectoryOption())
    .action(async (options: { userName?: string; accountId?: string; dataDir: string }) => {
      const data = await openDataDirectory(options.dataDir);
      try {
        const accountId = await resolveAccountId(options.accountId, () => data.identityStore.getDefaultAccountId());
        await data.identityStore.ensureAccount(accountId);

        const pair = generateAccessKeyPair();
        await data.identityStore.putAccessKey(accountId, options.userName, pair);

        const owner = options.userName ?? rootArn(accountId);
        printJson({ Owner: owner, AccountId: accountId, AccessKeyId: pair.accessKeyId, SecretAccessKey: pair.secretAccessKey });
      } finally {
        data.database.close();
      }
    });

  admin
    .command('list-users')
    .description('list the users of an account as JSON')
    .addOption(accountOption())
    .addOption(dataDirectoryOption())
    .action(async (options: { accountId?: string; dataDir: string }) => {
      const data = await openDataDirectory(options.dataDir);
      try {
        const accountId = await resolveAccountId(options.accountId, () => data.identityStore.getDefaultAccountId());
        const users = await data.identityStore.listUsers(accountId);
        printJson({ Users: users.map((user) => ({ UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: user.createdAt.toISOString() })) });
      } finally {
        data.database.close();
      }
    });

  return admin;
}

function accountOption(): Option {
  return new Option('--account-id <id>', '12-digit account id (default: the server\'s default account)').env('STRONGROOM_ACCOUNT_ID');
}

function dataDirectoryOption(): Option {
  return new Option('--data-dir <path>', 'the server\'s data folder').env('STRONGROOM_DATA_DIR').default('./data');
}

async function resolveAccountId(given: string | undefined, storedDefault: () => Promise<string | undefined>): Promise<string> {
  if (given !== undefined) {
    if (!isAccountId(given)) {
      throw new Error(`Invalid account id '${given}': expected 12 digits`);
    }
    return given;
  }

  const stored = await storedDefault();
  if (stored === undefined) {
    throw new Error('The data folder has no default account yet: start the server once, or pass --account-id');
  }
  return stored;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
