/**
 * @module Evaluation of one policy document for one request, with IAM's logic:
 * an explicit Deny in any applicable statement wins, then any applicable Allow,
 * and otherwise the request is implicitly denied.
 */
import type { Principal } from '../identity/principals.js';
import { evaluateCondition, type ConditionContext } from './condition-operators.js';
import type { PolicyDocument, PolicyStatement, PrincipalElement } from './policy-document.js';
import { matchesWildcard } from './wildcard-match.js';

export type PolicyDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface PolicyRequest {
  readonly principal: Principal;
  /** Action in `service:Operation` form, for example `kms:Decrypt`. */
  readonly action: string;
  /** ARN of the resource acted on. */
  readonly resource: string;
  readonly context: ConditionContext;
}

const ACCOUNT_ROOT = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/;

export function evaluatePolicy(policy: PolicyDocument, request: PolicyRequest): PolicyDecision {
  let allowed = false;

  for (const statement of policy.statements) {
    if (!statementApplies(statement, request)) {
      continue;
    }
    if (statement.effect === 'Deny') {
      return 'ExplicitDeny';
    }
    allowed = true;
  }

  return allowed ? 'Allow' : 'ImplicitDeny';
}

function statementApplies(statement: PolicyStatement, request: PolicyRequest): boolean {
  // A statement without Principal or NotPrincipal belongs to an identity
  // policy, which applies to the identity it is attached to.
  if (statement.principal && !principalMatches(statement.principal, request.principal)) {
    return false;
  }
  if (statement.notPrincipal && principalMatches(statement.notPrincipal, request.principal)) {
    return false;
  }

  if (statement.action && !statement.action.some((pattern) => actionMatches(pattern, request.action))) {
    return false;
  }
  if (statement.notAction && statement.notAction.some((pattern) => actionMatches(pattern, request.action))) {
    return false;
  }

  if (statement.resource && !statement.resource.some((pattern) => resourceMatches(pattern, request.resource))) {
    return false;
  }
  if (statement.notResource && statement.notResource.some((pattern) => resourceMatches(pattern, request.resource))) {
    return false;
  }

  return statement.conditions.every((clause) => evaluateCondition(clause, request.context));
}

function principalMatches(element: PrincipalElement, principal: Principal): boolean {
  if (element.everyone) {
    return true;
  }
  // Service, federated and canonical-user principals never match: every
  // caller here is an account root or an IAM user, even when a service
  // such as S3 calls on its behalf.
  return element.aws.some((value) => awsPrincipalMatches(value, principal));
}

function awsPrincipalMatches(value: string, principal: Principal): boolean {
  if (value === '*') {
    return true;
  }

  const accountRoot = ACCOUNT_ROOT.exec(value);
  if (accountRoot) {
    // TODO: in AWS an account principal also delegates to the IAM policies of
    // that account, so its users may be allowed too. There are no IAM policies
    // yet, so only the account root matches; add the delegation with them.
    return principal.type === 'root' && principal.accountId === accountRoot[1];
  }

  return value === principal.arn;
}

function actionMatches(pattern: string, action: string): boolean {
  return matchesWildcard(pattern, action, { ignoreCase: true });
}

function resourceMatches(pattern: string, resource: string): boolean {
  return matchesWildcard(pattern, resource, { ignoreCase: false });
}
