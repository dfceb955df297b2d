import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, isKnownConditionOperator, type ConditionContext } from './condition-operators.js';

function holds(operator: string, key: string, values: string[], context: ConditionContext): boolean {
  return evaluateCondition({ operator, key, values }, context);
}

test('string operators', () => {
  const context = { 'kms:CallerAccount': '111122223333', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/Alice' };
  const cases: Array<[string, string, string[], boolean]> = [
    ['StringEquals', 'kms:CallerAccount', ['111122223333'], true],
    ['StringEquals', 'kms:CallerAccount', ['444455556666', '111122223333'], true],
    ['StringEquals', 'kms:CallerAccount', ['444455556666'], false],
    ['StringNotEquals', 'kms:CallerAccount', ['444455556666'], true],
    ['StringNotEquals', 'kms:CallerAccount', ['444455556666', '111122223333'], false],
    ['StringEquals', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/alice'], false],
    ['StringEqualsIgnoreCase', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/alice'], true],
    ['StringNotEqualsIgnoreCase', 'aws:PrincipalArn', ['ARN:AWS:IAM::111122223333:USER/ALICE'], false],
    ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/*'], true],
    ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/Al?ce'], true],
    ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/*'], false],
    ['StringNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/*'], true],
  ];

  for (const [operator, key, values, expected] of cases) {
    assert.equal(holds(operator, key, values, context), expected, `${operator} ${key} ${values.join(',')}`);
  }
});

test('condition key names ignore case', () => {
  assert.equal(holds('StringEquals', 'KMS:CallerAccount', ['111122223333'], { 'kms:calleraccount': '111122223333' }), true);
});

test('missing keys', () => {
  const cases: Array<[string, boolean]> = [
    ['StringEquals', false],
    ['StringLike', false],
    ['StringNotEquals', true],
    ['StringNotLike', true],
    ['StringEqualsIfExists', true],
    ['NumericLessThanIfExists', true],
    ['Bool', false],
    ['ForAnyValue:StringEquals', false],
    ['ForAllValues:StringEquals', true],
  ];

  for (const [operator, expected] of cases) {
    assert.equal(holds(operator, 'kms:EncryptionContext:team', ['blue'], {}), expected, operator);
  }
});

test('IfExists tests a present key', () => {
  assert.equal(holds('StringEqualsIfExists', 'kms:ViaService', ['s3.us-east-1.amazonaws.com'], { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }), false);
  assert.equal(holds('StringEqualsIfExists', 'kms:ViaService', ['s3.us-east-1.amazonaws.com'], { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }), true);
});

test('Null tests presence', () => {
  const context = { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContextKeys': [] as string[] };
  assert.equal(holds('Null', 'kms:ViaService', ['false'], context), true);
  assert.equal(holds('Null', 'kms:ViaService', ['true'], context), false);
  assert.equal(holds('Null', 'kms:GrantConstraintType', ['true'], context), true);
  assert.equal(holds('Null', 'kms:EncryptionContextKeys', ['true'], context), true);
});

test('Bool compares boolean values', () => {
  assert.equal(holds('Bool', 'kms:GrantIsForAWSResource', ['true'], { 'kms:GrantIsForAWSResource': true }), true);
  assert.equal(holds('Bool', 'kms:GrantIsForAWSResource', ['True'], { 'kms:GrantIsForAWSResource': 'true' }), true);
  assert.equal(holds('Bool', 'kms:GrantIsForAWSResource', ['true'], { 'kms:GrantIsForAWSResource': false }), false);
});

test('numeric and date operators', () => {
  const context = { 'kms:NumberOfBytes': 64, 'aws:CurrentTime': '2024-05-01T12:00:00Z' };
  const cases: Array<[string, string, string[], boolean]> = [
    ['NumericEquals', 'kms:NumberOfBytes', ['64'], true],
    ['NumericNotEquals', 'kms:NumberOfBytes', ['64'], false],
    ['NumericLessThan', 'kms:NumberOfBytes', ['64'], false],
    ['NumericLessThanEquals', 'kms:NumberOfBytes', ['64'], true],
    ['NumericGreaterThan', 'kms:NumberOfBytes', ['32'], true],
    ['NumericGreaterThanEquals', 'kms:NumberOfBytes', ['65'], false],
    ['NumericEquals', 'kms:NumberOfBytes', ['sixty-four'], false],
    ['DateLessThan', 'aws:CurrentTime', ['2025-01-01T00:00:00Z'], true],
    ['DateGreaterThan', 'aws:CurrentTime', ['2025-01-01T00:00:00Z'], false],
    ['DateEquals', 'aws:CurrentTime', ['1714564800'], true],
  ];

  for (const [operator, key, values, expected] of cases) {
    assert.equal(holds(operator, key, values, context), expected, `${operator} ${values.join(',')}`);
  }
});

test('set qualifiers on multivalued keys', () => {
  const context = { 'kms:EncryptionContextKeys': ['team', 'project'] };
  const cases: Array<[string, string[], boolean]> = [
    ['ForAllValues:StringEquals', ['team', 'project', 'stage'], true],
    ['ForAllValues:StringEquals', ['team'], false],
    ['ForAnyValue:StringEquals', ['team'], true],
    ['ForAnyValue:StringEquals', ['stage'], false],
    ['ForAllValues:StringNotEquals', ['stage'], true],
    ['ForAllValues:StringNotEquals', ['team'], false],
    ['ForAnyValue:StringNotEquals', ['team'], true],
    ['ForAnyValue:StringLike', ['proj*'], true],
    ['StringEquals', ['project'], true],
    ['StringNotEquals', ['project'], false],
  ];

  for (const [operator, values, expected] of cases) {
    assert.equal(holds(operator, 'kms:EncryptionContextKeys', values, context), expected, `${operator} ${values.join(',')}`);
  }

  assert.equal(holds('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['team'], { 'kms:EncryptionContextKeys': [] }), true);
  assert.equal(holds('ForAnyValue:StringEquals', 'kms:EncryptionContextKeys', ['team'], { 'kms:EncryptionContextKeys': [] }), false);
});

test('IP address and ARN operators', () => {
  const context = { 'aws:SourceIp': '192.0.2.17', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/division/alice' };
  const cases: Array<[string, string, string[], boolean]> = [
    ['IpAddress', 'aws:SourceIp', ['192.0.2.0/24'], true],
    ['IpAddress', 'aws:SourceIp', ['198.51.100.0/24', '192.0.2.17'], true],
    ['IpAddress', 'aws:SourceIp', ['2001:db8::/32'], false],
    ['NotIpAddress', 'aws:SourceIp', ['192.0.2.0/24'], false],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/*'], true],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:user/division/*'], true],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*'], false],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/*'], true],
  ];

  for (const [operator, key, values, expected] of cases) {
    assert.equal(holds(operator, key, values, context), expected, `${operator} ${values.join(',')}`);
  }
  assert.equal(holds('IpAddress', 'aws:SourceIp', ['192.0.2.0/24'], { 'aws:SourceIp': '::ffff:192.0.2.9' }), true);
});

test('known operator names', () => {
  for (const name of ['StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEqualsIgnoreCase', 'BoolIfExists', 'Null', 'ArnLikeIfExists']) {
    assert.equal(isKnownConditionOperator(name), true, name);
  }
  for (const name of ['StringEqual', 'NullIfExists', 'ForSomeValues:StringEquals', 'stringequals']) {
    assert.equal(isKnownConditionOperator(name), false, name);
  }
});
