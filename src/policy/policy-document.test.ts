import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../test/support/repository-root.js';
import { INVALID_PRINCIPALS_MESSAGE, MalformedPolicyError, parsePolicyDocument } from './policy-document.js';

const KEY_POLICY = { requirePrincipal: true };

test('example key policy parses', () => {
  const text = readFileSync(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');
  const policy = parsePolicyDocument(text, KEY_POLICY);

  assert.equal(policy.version, '2012-10-17');
  assert.equal(policy.statements.length, 4);
  assert.deepEqual(policy.statements[0]!.principal?.aws, ['arn:aws:iam::111122223333:root']);
  assert.deepEqual(policy.statements[0]!.action, ['kms:*']);
  assert.deepEqual(policy.statements[3]!.conditions, [{ operator: 'Bool', key: 'kms:GrantIsForAWSResource', values: ['true'] }]);
});

test('single statement object and single strings', () => {
  const policy = parsePolicyDocument(
    JSON.stringify({ Statement: { Sid: 'One', Effect: 'Deny', Principal: '*', NotAction: 'kms:Encrypt', NotResource: 'arn:aws:kms:*' } }),
    KEY_POLICY,
  );

  const statement = policy.statements[0]!;
  assert.equal(statement.sid, 'One');
  assert.equal(statement.effect, 'Deny');
  assert.equal(statement.principal?.everyone, true);
  assert.deepEqual(statement.notAction, ['kms:Encrypt']);
  assert.deepEqual(statement.notResource, ['arn:aws:kms:*']);
  assert.equal(statement.action, undefined);
});

test('condition values become strings', () => {
  const policy = parsePolicyDocument(
    JSON.stringify({
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: '111122223333' },
        Action: 'kms:*',
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': true }, NumericLessThan: { 'kms:NumberOfBytes': [64, 128] } },
      },
    }),
    KEY_POLICY,
  );

  assert.deepEqual(policy.statements[0]!.conditions, [
    { operator: 'Bool', key: 'kms:GrantIsForAWSResource', values: ['true'] },
    { operator: 'NumericLessThan', key: 'kms:NumberOfBytes', values: ['64', '128'] },
  ]);
});

test('malformed documents are rejected', () => {
  const base = { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*' };
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"Statement": [', /not valid JSON/],
    ['array document', '[]', /must be a JSON object/],
    ['no statements', JSON.stringify({ Version: '2012-10-17', Statement: [] }), /at least one Statement/],
    ['missing Statement', JSON.stringify({ Version: '2012-10-17' }), /at least one Statement/],
    ['bad version', JSON.stringify({ Version: '2020-01-01', Statement: base }), /Unsupported policy Version/],
    ['unknown top-level field', JSON.stringify({ Statements: [base] }), /unknown field 'Statements'/],
    ['unknown statement field', JSON.stringify({ Statement: { ...base, Actions: 'kms:*' } }), /unknown field 'Actions'/],
    ['bad effect', JSON.stringify({ Statement: { ...base, Effect: 'allow' } }), /invalid Effect/],
    ['no principal', JSON.stringify({ Statement: { ...base, Principal: undefined } }), /no Principal/],
    ['both principals', JSON.stringify({ Statement: { ...base, NotPrincipal: '*' } }), /both Principal and NotPrincipal/],
    ['no action', JSON.stringify({ Statement: { ...base, Action: undefined } }), /no Action or NotAction/],
    ['both actions', JSON.stringify({ Statement: { ...base, NotAction: 'kms:Decrypt' } }), /both Action and NotAction/],
    ['empty action list', JSON.stringify({ Statement: { ...base, Action: [] } }), /invalid Action/],
    ['bad action', JSON.stringify({ Statement: { ...base, Action: 'Decrypt' } }), /invalid action 'Decrypt'/],
    ['no resource', JSON.stringify({ Statement: { ...base, Resource: undefined } }), /no Resource or NotResource/],
    ['bad resource', JSON.stringify({ Statement: { ...base, Resource: 'my-key' } }), /invalid resource 'my-key'/],
    ['unknown operator', JSON.stringify({ Statement: { ...base, Condition: { StringEqual: { 'kms:CallerAccount': '1' } } } }), /unknown condition operator/],
    ['nested condition value', JSON.stringify({ Statement: { ...base, Condition: { StringEquals: { 'kms:CallerAccount': { a: 1 } } } } }), /invalid value/],
    ['empty condition values', JSON.stringify({ Statement: { ...base, Condition: { StringEquals: { 'kms:CallerAccount': [] } } } }), /invalid value/],
  ];

  for (const [name, text, message] of cases) {
    assert.throws(() => parsePolicyDocument(text, KEY_POLICY), (error: unknown) => error instanceof MalformedPolicyError && message.test(error.message), name);
  }
});

test('invalid principals use the KMS message', () => {
  const principals: unknown[] = [
    'arn:aws:iam::111122223333:root',
    { AWS: 'not-an-arn' },
    { AWS: 'arn:aws:iam::*:root' },
    { AWS: 'arn:aws:iam::111122223333:user/*' },
    { Users: 'alice' },
    { AWS: [] },
    {},
  ];

  for (const principal of principals) {
    const text = JSON.stringify({ Statement: { Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' } });
    assert.throws(() => parsePolicyDocument(text, KEY_POLICY), { message: INVALID_PRINCIPALS_MESSAGE }, JSON.stringify(principal));
  }
});

test('identity policies need no principal', () => {
  const text = JSON.stringify({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' } });
  const policy = parsePolicyDocument(text, { requirePrincipal: false });

  assert.equal(policy.statements[0]!.principal, undefined);
});
