/**
 * @module Condition operators of IAM policy documents and their evaluation
 * against a request's condition context.
 *
 * Rules implemented here, as the IAM documentation states them:
 * - Condition key names are case-insensitive.
 * - Several values for one key match when any of them matches (OR).
 * - A key missing from the request makes a positive operator false, a negated
 *   operator (`StringNotEquals`, ...) true, and any `...IfExists` operator true.
 * - `ForAnyValue:` is true when at least one request value matches; it is false
 *   for a missing key. `ForAllValues:` is true when every request value matches;
 *   it is true for a missing key or an empty list.
 * - `Null` tests presence only: `"true"` matches a missing key, `"false"` a present one.
 */
import { BlockList, isIP } from 'node:net';
import { matchesWildcard } from './wildcard-match.js';

/** A value a request supplies for one condition key. Booleans and numbers compare as their string form. */
export type ConditionContextValue = string | readonly string[] | boolean | number | undefined;

/** Condition keys of one request, for example `kms:CallerAccount`. Lookup ignores case. */
export type ConditionContext = Readonly<Record<string, ConditionContextValue>>;

/** One `operator: { key: values }` entry of a statement's Condition element. */
export interface ConditionClause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

interface BaseOperator {
  readonly negated: boolean;
  /** True when the request value matches one policy value. */
  readonly matches: (requestValue: string, policyValue: string) => boolean;
}

const stringEquals = (a: string, b: string): boolean => a === b;
const stringEqualsIgnoreCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const stringLike = (a: string, b: string): boolean => matchesWildcard(b, a, { ignoreCase: false });

const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map<string, BaseOperator>([
  ['StringEquals', { negated: false, matches: stringEquals }],
  ['StringNotEquals', { negated: true, matches: stringEquals }],
  ['StringEqualsIgnoreCase', { negated: false, matches: stringEqualsIgnoreCase }],
  ['StringNotEqualsIgnoreCase', { negated: true, matches: stringEqualsIgnoreCase }],
  ['StringLike', { negated: false, matches: stringLike }],
  ['StringNotLike', { negated: true, matches: stringLike }],
  ['NumericEquals', { negated: false, matches: compareNumbers((a, b) => a === b) }],
  ['NumericNotEquals', { negated: true, matches: compareNumbers((a, b) => a === b) }],
  ['NumericLessThan', { negated: false, matches: compareNumbers((a, b) => a < b) }],
  ['NumericLessThanEquals', { negated: false, matches: compareNumbers((a, b) => a <= b) }],
  ['NumericGreaterThan', { negated: false, matches: compareNumbers((a, b) => a > b) }],
  ['NumericGreaterThanEquals', { negated: false, matches: compareNumbers((a, b) => a >= b) }],
  ['DateEquals', { negated: false, matches: compareDates((a, b) => a === b) }],
  ['DateNotEquals', { negated: true, matches: compareDates((a, b) => a === b) }],
  ['DateLessThan', { negated: false, matches: compareDates((a, b) => a < b) }],
  ['DateLessThanEquals', { negated: false, matches: compareDates((a, b) => a <= b) }],
  ['DateGreaterThan', { negated: false, matches: compareDates((a, b) => a > b) }],
  ['DateGreaterThanEquals', { negated: false, matches: compareDates((a, b) => a >= b) }],
  ['Bool', { negated: false, matches: stringEqualsIgnoreCase }],
  ['BinaryEquals', { negated: false, matches: stringEquals }],
  ['IpAddress', { negated: false, matches: ipInRange }],
  ['NotIpAddress', { negated: true, matches: ipInRange }],
  ['ArnEquals', { negated: false, matches: arnLike }],
  ['ArnLike', { negated: false, matches: arnLike }],
  ['ArnNotEquals', { negated: true, matches: arnLike }],
  ['ArnNotLike', { negated: true, matches: arnLike }],
]);

interface ParsedOperator {
  readonly setQualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  /** Operator name without qualifier and `IfExists`, for example `StringLike`. */
  readonly baseName: string;
  readonly ifExists: boolean;
}

function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let setQualifier: ParsedOperator['setQualifier'];
  for (const qualifier of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${qualifier}:`)) {
      setQualifier = qualifier;
      rest = rest.slice(qualifier.length + 1);
    }
  }

  const ifExists = rest.endsWith('IfExists');
  const baseName = ifExists ? rest.slice(0, -'IfExists'.length) : rest;

  if (baseName === 'Null') {
    return ifExists || setQualifier ? undefined : { setQualifier, baseName, ifExists };
  }
  return BASE_OPERATORS.has(baseName) ? { setQualifier, baseName, ifExists } : undefined;
}

/** True for every operator name this evaluator understands, qualifiers and `IfExists` included. */
export function isKnownConditionOperator(name: string): boolean {
  return parseOperator(name) !== undefined;
}

/** Looks up a condition key without regard to case. */
export function lookupConditionKey(context: ConditionContext, key: string): ConditionContextValue {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted) {
      return value;
    }
  }
  return undefined;
}

/** Evaluates one clause. Unknown operators evaluate to false, so they never grant access. */
export function evaluateCondition(clause: ConditionClause, context: ConditionContext): boolean {
  const operator = parseOperator(clause.operator);
  if (!operator) {
    return false;
  }

  const requestValue = lookupConditionKey(context, clause.key);
  const requestValues = toStringList(requestValue);

  if (operator.baseName === 'Null') {
    const present = requestValues !== undefined && requestValues.length > 0;
    return clause.values.some((value) => (value.toLowerCase() === 'true' ? !present : present));
  }

  const base = BASE_OPERATORS.get(operator.baseName)!;

  // A missing key: IfExists skips the test, the set qualifiers and negated
  // operators have fixed results, and positive operators fail.
  if (requestValues === undefined) {
    if (operator.ifExists || operator.setQualifier === 'ForAllValues') {
      return true;
    }
    if (operator.setQualifier === 'ForAnyValue') {
      return false;
    }
    return base.negated;
  }

  const matchesPolicy = (value: string): boolean => clause.values.some((policyValue) => base.matches(value, policyValue));
  const satisfies = (value: string): boolean => (base.negated ? !matchesPolicy(value) : matchesPolicy(value));

  if (operator.setQualifier === 'ForAllValues') {
    return requestValues.every(satisfies);
  }
  if (operator.setQualifier === 'ForAnyValue') {
    return requestValues.some(satisfies);
  }

  // Without a qualifier a negated operator must match none of the request's values.
  const anyMatch = requestValues.some(matchesPolicy);
  return base.negated ? !anyMatch : anyMatch;
}

function toStringList(value: ConditionContextValue): readonly string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    return [String(value)];
  }
  return value;
}

function compareNumbers(compare: (a: number, b: number) => boolean) {
  return (requestValue: string, policyValue: string): boolean => {
    const a = parseNumber(requestValue);
    const b = parseNumber(policyValue);
    return a !== undefined && b !== undefined && compare(a, b);
  };
}

function parseNumber(value: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
    return undefined;
  }
  return Number(value);
}

function compareDates(compare: (a: number, b: number) => boolean) {
  return (requestValue: string, policyValue: string): boolean => {
    const a = parseDate(requestValue);
    const b = parseDate(policyValue);
    return a !== undefined && b !== undefined && compare(a, b);
  };
}

/** Accepts ISO 8601 dates and epoch seconds, the two forms IAM accepts. */
function parseDate(value: string): number | undefined {
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const milliseconds = Date.parse(value);
  return Number.isNaN(milliseconds) ? undefined : milliseconds;
}

function ipInRange(requestValue: string, policyValue: string): boolean {
  const address = requestValue.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const addressFamily = isIP(address);
  if (addressFamily === 0) {
    return false;
  }

  const [network, prefixText] = policyValue.split('/');
  const networkFamily = isIP(network ?? '');
  if (networkFamily !== addressFamily) {
    return false;
  }

  const maxPrefix = networkFamily === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
    return false;
  }

  const range = new BlockList();
  const type = networkFamily === 4 ? 'ipv4' : 'ipv6';
  range.addSubnet(network!, prefix, type);
  return range.check(address, type);
}

/**
 * Compares ARNs field by field, so a wildcard in one of the six colon-separated
 * fields never spans into the next one.
 */
function arnLike(requestValue: string, policyValue: string): boolean {
  const requestFields = splitArn(requestValue);
  const policyFields = splitArn(policyValue);
  if (!requestFields || !policyFields) {
    return false;
  }
  return policyFields.every((field, index) => matchesWildcard(field, requestFields[index]!, { ignoreCase: false }));
}

function splitArn(arn: string): string[] | undefined {
  const fields = arn.split(':');
  if (fields.length < 6) {
    return undefined;
  }
  // The resource field may itself contain colons.
  return [...fields.slice(0, 5), fields.slice(5).join(':')];
}
