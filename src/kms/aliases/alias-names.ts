/**
 * @module Alias name rules: the `alias/` prefix, AWS's character set and
 * length, and the `alias/aws/` prefix reserved for AWS managed keys.
 */
import { KmsError } from '../kms-errors.js';
import { ConstraintChecker } from '../request-validation.js';

const ALIAS_NAME_PATTERN = /^[a-zA-Z0-9:/_-]+$/;
const RESERVED_PREFIX = 'alias/aws/';

/** Checks an alias name given to CreateAlias, UpdateAlias or DeleteAlias. */
export function validateAliasName(aliasName: string | undefined): asserts aliasName is string {
  const checker = new ConstraintChecker();
  if (checker.required('aliasName', aliasName)) {
    checker.stringLength('aliasName', aliasName, 1, 256);
    checker.pattern('aliasName', aliasName, ALIAS_NAME_PATTERN, '^[a-zA-Z0-9:/_-]+$');
  }
  checker.throwIfInvalid();

  if (!aliasName!.startsWith('alias/')) {
    throw new KmsError('ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  if (aliasName === 'alias/') {
    throw new KmsError('InvalidAliasNameException', 'Alias name alias/ has no name after the alias/ prefix.');
  }
  // The API pattern admits colons so alias ARNs pass it, but a name may not contain one.
  if (aliasName!.includes(':')) {
    throw new KmsError('ValidationException', `${aliasName} contains invalid characters for an alias`);
  }
}

/**
 * Rejects changes to aliases under `alias/aws/`, which belong to AWS managed keys.
 * NOTE: AWS documents the rule but not the error it returns; NotAuthorizedException
 * is what the moto AWS mock library returns for it.
 */
export function rejectReservedAliasName(aliasName: string): void {
  if (aliasName.startsWith(RESERVED_PREFIX)) {
    throw new KmsError('NotAuthorizedException', `Alias names beginning with ${RESERVED_PREFIX} are reserved for AWS managed keys: ${aliasName}`);
  }
}
