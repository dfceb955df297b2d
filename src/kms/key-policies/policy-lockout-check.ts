/**
 * @module The policy lockout safety check of CreateKey and PutKeyPolicy: a new
 * key policy must still let someone change the key policy later.
 */
import { rootArn, type Principal } from '../../identity/principals.js';
import { evaluatePolicy } from '../../policy/evaluate-policy.js';
import type { PolicyDocument } from '../../policy/policy-document.js';
import type { ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import { buildConditionContext } from './authorize-key-action.js';

const LOCKOUT_MESSAGE = 'The new key policy will not allow you to update the key policy in the future.';

/**
 * Throws MalformedPolicyDocumentException unless `policy` allows the caller,
 * or the root of the key's account, `kms:PutKeyPolicy` on the key.
 *
 * Differs from AWS: AWS checks the caller only, but also counts the caller's
 * IAM policies when the key policy names the account. There are no IAM
 * policies here, so a policy that lets the account root change it passes too;
 * the root can then always repair it.
 */
export function checkPolicyLockout(runtime: KmsRuntime, policy: PolicyDocument, keyArn: string, keyAccountId: string, caller: Principal, via: ViaService | undefined): void {
  const accountRoot: Principal = { accountId: keyAccountId, type: 'root', arn: rootArn(keyAccountId), principalId: keyAccountId, accessKeyId: caller.accessKeyId };

  for (const principal of [caller, accountRoot]) {
    const decision = evaluatePolicy(policy, {
      principal,
      action: 'kms:PutKeyPolicy',
      resource: keyArn,
      context: buildConditionContext(runtime, { caller: principal, via }),
    });
    if (decision === 'Allow') {
      return;
    }
  }

  throw new KmsError('MalformedPolicyDocumentException', LOCKOUT_MESSAGE);
}
