/**
 * @module IAM-style policy documents: parsing and validation into a form the
 * evaluator reads. The same grammar serves KMS key policies, S3 bucket policies
 * and IAM identity policies; options select what each kind requires.
 */
import { isKnownConditionOperator, type ConditionClause } from './condition-operators.js';

export type PolicyEffect = 'Allow' | 'Deny';

/** A Principal or NotPrincipal element. */
export interface PrincipalElement {
  /** True for `"*"` and `{"AWS": "*"}`: every caller matches. */
  readonly everyone: boolean;
  /** Account ids and IAM ARNs from the `AWS` entry. */
  readonly aws: readonly string[];
  /** Service principals such as `s3.amazonaws.com`. */
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: PolicyEffect;
  readonly principal: PrincipalElement | undefined;
  readonly notPrincipal: PrincipalElement | undefined;
  /** Exactly one of `action` and `notAction` is set. */
  readonly action: readonly string[] | undefined;
  readonly notAction: readonly string[] | undefined;
  /** Exactly one of `resource` and `notResource` is set. */
  readonly resource: readonly string[] | undefined;
  readonly notResource: readonly string[] | undefined;
  /** Every clause must hold for the statement to apply. */
  readonly conditions: readonly ConditionClause[];
}

export interface PolicyDocument {
  readonly version: string | undefined;
  readonly id: string | undefined;
  readonly statements: readonly PolicyStatement[];
}

export interface ParsePolicyOptions {
  /** Resource-based policies (key policies, bucket policies) must name a principal in every statement. */
  readonly requirePrincipal: boolean;
}

/** A policy that is not valid JSON or breaks the policy grammar. The message names the part at fault. */
export class MalformedPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPolicyError';
  }
}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const DOCUMENT_FIELDS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws:(iam|sts)::\d{12}:[^*?]+)$/;

/** Message AWS KMS uses for a principal it cannot accept. */
export const INVALID_PRINCIPALS_MESSAGE = 'Policy contains a statement with one or more invalid principals.';

/** Parses and validates `text`. Throws {@link MalformedPolicyError} on the first problem found. */
export function parsePolicyDocument(text: string, options: ParsePolicyOptions): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedPolicyError('The policy document is not valid JSON.');
  }

  if (!isPlainObject(parsed)) {
    throw new MalformedPolicyError('The policy document must be a JSON object.');
  }
  rejectUnknownFields(parsed, DOCUMENT_FIELDS, 'The policy document');

  const version = optionalString(parsed, 'Version', 'The policy document');
  if (version !== undefined && !VERSIONS.has(version)) {
    throw new MalformedPolicyError(`Unsupported policy Version '${version}': use 2012-10-17.`);
  }
  const id = optionalString(parsed, 'Id', 'The policy document');

  // Statement may be one statement object or a list of them.
  let statementList: unknown[] = [];
  if (Array.isArray(parsed.Statement)) {
    statementList = parsed.Statement;
  } else if (parsed.Statement !== undefined) {
    statementList = [parsed.Statement];
  }
  if (statementList.length === 0) {
    throw new MalformedPolicyError('The policy document must contain at least one Statement.');
  }

  const statements = statementList.map((statement, index) => parseStatement(statement, index, options));
  return { version, id, statements };
}

function parseStatement(raw: unknown, index: number, options: ParsePolicyOptions): PolicyStatement {
  const where = `Statement ${index + 1}`;
  if (!isPlainObject(raw)) {
    throw new MalformedPolicyError(`${where} must be a JSON object.`);
  }
  rejectUnknownFields(raw, STATEMENT_FIELDS, where);

  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new MalformedPolicyError(`${where} has an invalid Effect: use "Allow" or "Deny".`);
  }

  const principal = raw.Principal === undefined ? undefined : parsePrincipal(raw.Principal);
  const notPrincipal = raw.NotPrincipal === undefined ? undefined : parsePrincipal(raw.NotPrincipal);
  if (principal && notPrincipal) {
    throw new MalformedPolicyError(`${where} has both Principal and NotPrincipal; use one.`);
  }
  if (options.requirePrincipal && !principal && !notPrincipal) {
    throw new MalformedPolicyError(`${where} has no Principal.`);
  }

  const action = optionalStringList(raw, 'Action', where);
  const notAction = optionalStringList(raw, 'NotAction', where);
  requireExactlyOne(action, notAction, 'Action', where);
  for (const value of [...(action ?? []), ...(notAction ?? [])]) {
    if (!ACTION.test(value)) {
      throw new MalformedPolicyError(`${where} has an invalid action '${value}': use service:Action, for example kms:Decrypt.`);
    }
  }

  const resource = optionalStringList(raw, 'Resource', where);
  const notResource = optionalStringList(raw, 'NotResource', where);
  requireExactlyOne(resource, notResource, 'Resource', where);
  for (const value of [...(resource ?? []), ...(notResource ?? [])]) {
    if (value !== '*' && !value.startsWith('arn:')) {
      throw new MalformedPolicyError(`${where} has an invalid resource '${value}': use "*" or an ARN.`);
    }
  }

  const sid = optionalString(raw, 'Sid', where);
  const conditions = raw.Condition === undefined ? [] : parseConditions(raw.Condition, where);
  return { sid, effect, principal, notPrincipal, action, notAction, resource, notResource, conditions };
}

function parsePrincipal(raw: unknown): PrincipalElement {
  if (raw === '*') {
    return { everyone: true, aws: [], service: [], federated: [], canonicalUser: [] };
  }
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    throw new MalformedPolicyError(INVALID_PRINCIPALS_MESSAGE);
  }

  const lists: Record<string, string[]> = {};
  for (const [type, value] of Object.entries(raw)) {
    const values = toStringList(value);
    if (!PRINCIPAL_TYPES.has(type) || !values) {
      throw new MalformedPolicyError(INVALID_PRINCIPALS_MESSAGE);
    }
    lists[type] = values;
  }

  const aws = lists.AWS ?? [];
  if (aws.some((value) => !AWS_PRINCIPAL.test(value))) {
    throw new MalformedPolicyError(INVALID_PRINCIPALS_MESSAGE);
  }

  return {
    everyone: aws.includes('*'),
    aws,
    service: lists.Service ?? [],
    federated: lists.Federated ?? [],
    canonicalUser: lists.CanonicalUser ?? [],
  };
}

function parseConditions(raw: unknown, where: string): ConditionClause[] {
  if (!isPlainObject(raw)) {
    throw new MalformedPolicyError(`${where} has an invalid Condition: it must be a JSON object.`);
  }

  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!isKnownConditionOperator(operator)) {
      throw new MalformedPolicyError(`${where} uses an unknown condition operator '${operator}'.`);
    }
    if (!isPlainObject(block) || Object.keys(block).length === 0) {
      throw new MalformedPolicyError(`${where} has an invalid ${operator} block: it must map condition keys to values.`);
    }

    for (const [key, value] of Object.entries(block)) {
      const values = toConditionValues(value);
      if (!values) {
        throw new MalformedPolicyError(`${where} has an invalid value for ${operator} ${key}: use a string, number, boolean or a list of them.`);
      }
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function toConditionValues(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    return undefined;
  }

  const values: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) {
      values.push(String(item));
    } else {
      return undefined;
    }
  }
  return values;
}

function toStringList(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item.length > 0)) {
    return undefined;
  }
  return list as string[];
}

function optionalStringList(object: Record<string, unknown>, field: string, where: string): string[] | undefined {
  if (object[field] === undefined) {
    return undefined;
  }
  const values = toStringList(object[field]);
  if (!values) {
    throw new MalformedPolicyError(`${where} has an invalid ${field}: use a non-empty string or a non-empty list of strings.`);
  }
  return values;
}

function optionalString(object: Record<string, unknown>, field: string, where: string): string | undefined {
  const value = object[field];
  if (value !== undefined && typeof value !== 'string') {
    throw new MalformedPolicyError(`${where} has an invalid ${field}: it must be a string.`);
  }
  return value;
}

function requireExactlyOne(positive: unknown, negative: unknown, field: string, where: string): void {
  if (positive === undefined && negative === undefined) {
    throw new MalformedPolicyError(`${where} has no ${field} or Not${field}.`);
  }
  if (positive !== undefined && negative !== undefined) {
    throw new MalformedPolicyError(`${where} has both ${field} and Not${field}; use one.`);
  }
}

function rejectUnknownFields(object: Record<string, unknown>, allowed: ReadonlySet<string>, where: string): void {
  for (const field of Object.keys(object)) {
    if (!allowed.has(field)) {
      throw new MalformedPolicyError(`${where} has an unknown field '${field}'.`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
