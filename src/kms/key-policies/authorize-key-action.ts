/**
 * @module Key policy checks: every operation on a key evaluates the key's
 * policy for `kms:<Operation>` on the key ARN, with the condition keys KMS
 * documents for that request.
 */
import type { Principal } from '../../identity/principals.js';
import type { ConditionContext } from '../../policy/condition-operators.js';
import { evaluatePolicy, type PolicyDecision } from '../../policy/evaluate-policy.js';
import { MalformedPolicyError, parsePolicyDocument, type PolicyDocument } from '../../policy/policy-document.js';
import type { EncryptionContext, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsKeyRecord } from '../kms-store.js';

export interface KeyActionRequest {
  readonly caller: Principal;
  /** For example `kms:Decrypt`. */
  readonly action: string;
  readonly via: ViaService | undefined;
  /** Set for the cryptographic operations, which expose it as condition keys. */
  readonly encryptionContext?: EncryptionContext;
}

const MAX_CACHED_POLICIES = 256;
const parsedPolicies = new Map<string, PolicyDocument>();

/** Throws AccessDeniedException unless the key policy allows the action. */
export function authorizeKeyAction(runtime: KmsRuntime, key: KmsKeyRecord, request: KeyActionRequest): void {
  const policy = parseStoredPolicy(key);
  const decision = evaluatePolicy(policy, {
    principal: request.caller,
    action: request.action,
    resource: key.arn,
    context: buildConditionContext(runtime, request),
  });

  if (decision !== 'Allow') {
    throw accessDenied(request.caller, request.action, key.arn, decision);
  }
}

/** Condition keys of one request, as KMS and IAM name them. */
export function buildConditionContext(runtime: KmsRuntime, request: Omit<KeyActionRequest, 'action'>): ConditionContext {
  const caller = request.caller;
  const context: Record<string, string | string[] | boolean | undefined> = {
    'aws:PrincipalArn': caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': caller.type === 'root' ? 'Account' : 'User',
    'aws:username': caller.userName,
    'kms:CallerAccount': caller.accountId,
  };

  // TODO: set kms:GrantIsForAWSResource for CreateGrant, ListGrants and
  // RevokeGrant once grants exist. AWS supplies it only to those operations, so
  // a statement that requires it must not match any operation here.

  if (request.via) {
    context['kms:ViaService'] = `${request.via.service}.${runtime.region}.amazonaws.com`;
  }

  if (request.encryptionContext) {
    const keys = Object.keys(request.encryptionContext);
    context['kms:EncryptionContextKeys'] = keys;
    for (const name of keys) {
      context[`kms:EncryptionContext:${name}`] = request.encryptionContext[name];
    }
  }

  return context;
}

/** AccessDeniedException with the message AWS sends for a resource-based policy denial. */
export function accessDenied(caller: Principal, action: string, resourceArn: string, decision: PolicyDecision): KmsError {
  const reason = decision === 'ExplicitDeny' ? 'with an explicit deny in a resource-based policy' : `because no resource-based policy allows the ${action} action`;
  return new KmsError('AccessDeniedException', `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} ${reason}`);
}

/** Parses a key policy supplied in a request, reporting problems as MalformedPolicyDocumentException. */
export function parseKeyPolicy(text: string): PolicyDocument {
  try {
    return parsePolicyDocument(text, { requirePrincipal: true });
  } catch (error) {
    if (error instanceof MalformedPolicyError) {
      throw new KmsError('MalformedPolicyDocumentException', error.message);
    }
    throw error;
  }
}

function parseStoredPolicy(key: KmsKeyRecord): PolicyDocument {
  const cached = parsedPolicies.get(key.policy);
  if (cached) {
    return cached;
  }

  // Stored policies were validated when they were written, so a failure here
  // means the database was edited by hand: report it as an internal error.
  let policy: PolicyDocument;
  try {
    policy = parsePolicyDocument(key.policy, { requirePrincipal: true });
  } catch (error) {
    throw new Error(`Stored key policy of ${key.arn} is not valid`, { cause: error });
  }

  if (parsedPolicies.size >= MAX_CACHED_POLICIES) {
    parsedPolicies.delete(parsedPolicies.keys().next().value!);
  }
  parsedPolicies.set(key.policy, policy);
  return policy;
}
