/**
 * @module Telling the operator about root credentials generated on first start.
 */
import type { RootIdentity } from './bootstrap-root-identity.js';

export interface AnnounceTarget {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Prints generated root credentials once. The secret is printed only to a
 * terminal: when standard output is a pipe or file it usually feeds a log
 * collector, so then only the credentials file is named.
 */
export function announceRootCredentials(root: RootIdentity, credentialsPath: string, region: string, out: AnnounceTarget): void {
  if (!root.generated) {
    return;
  }

  if (out.isTTY !== true) {
    out.write(`\nStrongroom generated root credentials for account ${root.accountId} and saved them in ${credentialsPath} (mode 0600).\n\n`);
    return;
  }

  out.write(
    [
      '',
      `Strongroom generated root credentials for account ${root.accountId}. They are shown only this once`,
      `and saved in ${credentialsPath} (mode 0600):`,
      `  export AWS_ACCESS_KEY_ID=${root.credentials.accessKeyId}`,
      `  export AWS_SECRET_ACCESS_KEY=${root.credentials.secretAccessKey}`,
      `  export AWS_REGION=${region}`,
      '',
      '',
    ].join('\n'),
  );
}
