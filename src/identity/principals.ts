/**
 * @module Principals: the authenticated identities that requests act as.
 */

/** An authenticated caller: an account's root identity or one of its users. */
export interface Principal {
  readonly accountId: string;
  readonly type: 'root' | 'user';
  /** IAM-style ARN: `arn:aws:iam::<account>:root` or `arn:aws:iam::<account>:user/<name>`. */
  readonly arn: string;
  /** Unique id as CloudTrail reports it; the account id for root. */
  readonly principalId: string;
  readonly userName?: string;
  /** Access key the request was signed with. */
  readonly accessKeyId: string;
}

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function userArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`;
}

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}
