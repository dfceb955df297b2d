/**
 * @module GetKeyPolicy and PutKeyPolicy. A key has exactly one policy, named `default`.
 */
import type { Principal } from '../../identity/principals.js';
import { requireKeyId } from '../keys/key-operations.js';
import { resolveKey } from '../keys/resolve-key.js';
import type { GetKeyPolicyRequest, GetKeyPolicyResponse, PutKeyPolicyRequest, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import { ConstraintChecker } from '../request-validation.js';
import { authorizeKeyAction, parseKeyPolicy } from './authorize-key-action.js';
import { checkPolicyLockout } from './policy-lockout-check.js';

const POLICY_NAME = 'default';
const POLICY_NAME_PATTERN = /^[\w]+$/;
const POLICY_KEY = { allowAlias: false, allowCrossAccount: false } as const;

export async function getKeyPolicy(runtime: KmsRuntime, caller: Principal, request: GetKeyPolicyRequest, via: ViaService | undefined): Promise<GetKeyPolicyResponse> {
  requireKeyId(request.KeyId);
  validatePolicyName(request.PolicyName);

  const key = resolveKey(runtime, caller, request.KeyId, POLICY_KEY);
  authorizeKeyAction(runtime, key, { caller, action: 'kms:GetKeyPolicy', via });

  if ((request.PolicyName ?? POLICY_NAME) !== POLICY_NAME) {
    throw new KmsError('NotFoundException', 'No such policy exists');
  }
  return { Policy: key.policy, PolicyName: POLICY_NAME };
}

export async function putKeyPolicy(runtime: KmsRuntime, caller: Principal, request: PutKeyPolicyRequest, via: ViaService | undefined): Promise<void> {
  requireKeyId(request.KeyId);
  validatePolicyName(request.PolicyName);
  const checker = new ConstraintChecker();
  if (checker.required('policy', request.Policy)) {
    checker.stringLength('policy', request.Policy, 1, 131072);
  }
  checker.throwIfInvalid();

  const key = resolveKey(runtime, caller, request.KeyId, POLICY_KEY);
  authorizeKeyAction(runtime, key, { caller, action: 'kms:PutKeyPolicy', via });

  if ((request.PolicyName ?? POLICY_NAME) !== POLICY_NAME) {
    throw new KmsError('UnsupportedOperationException', `A key has one policy, named "${POLICY_NAME}"; the policy name ${request.PolicyName} is not supported.`);
  }

  const policy = parseKeyPolicy(request.Policy);
  if (request.BypassPolicyLockoutSafetyCheck !== true) {
    checkPolicyLockout(runtime, policy, key.arn, key.accountId, caller, via);
  }

  runtime.store.setKeyPolicy(key.keyId, request.Policy);
}

function validatePolicyName(policyName: string | undefined): void {
  const checker = new ConstraintChecker();
  checker.stringLength('policyName', policyName, 1, 128);
  checker.pattern('policyName', policyName, POLICY_NAME_PATTERN, '[\\w]+');
  checker.throwIfInvalid();
}
