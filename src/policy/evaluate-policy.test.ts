import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../test/support/repository-root.js';
import { rootArn, userArn, type Principal } from '../identity/principals.js';
import type { ConditionContext } from './condition-operators.js';
import { evaluatePolicy, type PolicyDecision } from './evaluate-policy.js';
import { parsePolicyDocument } from './policy-document.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function root(accountId: string): Principal {
  return { accountId, type: 'root', arn: rootArn(accountId), principalId: accountId, accessKeyId: 'AKIAROOTROOTROOTROOT' };
}

function user(accountId: string, userName: string): Principal {
  return { accountId, type: 'user', arn: userArn(accountId, userName), principalId: 'AIDA' + userName.toUpperCase(), userName, accessKeyId: 'AKIAUSERUSERUSERUSER' };
}

function decide(policyText: string, principal: Principal, action: string, context: ConditionContext = {}, resource = KEY_ARN): PolicyDecision {
  const policy = parsePolicyDocument(policyText, { requirePrincipal: true });
  return evaluatePolicy(policy, { principal, action, resource, context });
}

const examplePolicy = readFileSync(join(repositoryRoot(), 'test/fixtures/example-key-policy.json'), 'utf8');

test('example key policy decisions', () => {
  const cases: Array<[string, Principal, string, ConditionContext, PolicyDecision]> = [
    ['root may do anything', root('111122223333'), 'kms:ScheduleKeyDeletion', {}, 'Allow'],
    ['root of another account', root('444455556666'), 'kms:Decrypt', {}, 'ImplicitDeny'],
    ['IAMuser decrypts', user('111122223333', 'IAMuser'), 'kms:Decrypt', {}, 'Allow'],
    ['IAMuser generates a data key', user('111122223333', 'IAMuser'), 'kms:GenerateDataKeyWithoutPlaintext', {}, 'Allow'],
    ['IAMuser re-encrypts', user('111122223333', 'IAMuser'), 'kms:ReEncryptFrom', {}, 'Allow'],
    ['IAMuser puts the key policy', user('111122223333', 'IAMuser'), 'kms:PutKeyPolicy', {}, 'Allow'],
    ['IAMuser action matching ignores case', user('111122223333', 'IAMuser'), 'KMS:decrypt', {}, 'Allow'],
    ['IAMuser may not schedule deletion', user('111122223333', 'IAMuser'), 'kms:ScheduleKeyDeletion', {}, 'ImplicitDeny'],
    ['other user is denied', user('111122223333', 'OtherUser'), 'kms:Decrypt', {}, 'ImplicitDeny'],
    ['same name in another account', user('444455556666', 'IAMuser'), 'kms:Decrypt', {}, 'ImplicitDeny'],
    // kms:List* in the administrators statement already covers ListGrants, with or without the grant condition.
    ['IAMuser lists grants for an AWS resource', user('111122223333', 'IAMuser'), 'kms:ListGrants', { 'kms:GrantIsForAWSResource': true }, 'Allow'],
    ['IAMuser lists grants otherwise', user('111122223333', 'IAMuser'), 'kms:ListGrants', { 'kms:GrantIsForAWSResource': false }, 'Allow'],
    ['other user lists grants for an AWS resource', user('111122223333', 'OtherUser'), 'kms:ListGrants', { 'kms:GrantIsForAWSResource': true }, 'ImplicitDeny'],
  ];

  for (const [name, principal, action, context, expected] of cases) {
    assert.equal(decide(examplePolicy, principal, action, context), expected, name);
  }
});

test('explicit deny wins over allow', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:EncryptionContext:team': 'blue' } } },
    ],
  });
  const principal = root('111122223333');

  assert.equal(decide(policy, principal, 'kms:Encrypt'), 'Allow');
  assert.equal(decide(policy, principal, 'kms:Decrypt', { 'kms:EncryptionContext:team': 'blue' }), 'Allow');
  assert.equal(decide(policy, principal, 'kms:Decrypt', { 'kms:EncryptionContext:team': 'red' }), 'ExplicitDeny');
  assert.equal(decide(policy, principal, 'kms:Decrypt'), 'ExplicitDeny');
});

test('NotAction allows everything but the listed actions', () => {
  const policy = JSON.stringify({
    Statement: { Effect: 'Allow', Principal: { AWS: [userArn('111122223333', 'ops')] }, NotAction: ['kms:Decrypt', 'kms:Schedule*'], Resource: '*' },
  });
  const ops = user('111122223333', 'ops');

  assert.equal(decide(policy, ops, 'kms:Encrypt'), 'Allow');
  assert.equal(decide(policy, ops, 'kms:Decrypt'), 'ImplicitDeny');
  assert.equal(decide(policy, ops, 'kms:ScheduleKeyDeletion'), 'ImplicitDeny');
});

test('wildcard actions', () => {
  const cases: Array<[string, string, PolicyDecision]> = [
    ['kms:ReEncrypt*', 'kms:ReEncryptFrom', 'Allow'],
    ['kms:ReEncrypt*', 'kms:ReEncrypt', 'Allow'],
    ['kms:ReEncrypt*', 'kms:Encrypt', 'ImplicitDeny'],
    ['kms:Describe*', 'kms:DescribeKey', 'Allow'],
    ['kms:*', 'kms:CreateAlias', 'Allow'],
    ['kms:*', 's3:GetObject', 'ImplicitDeny'],
    ['*', 's3:GetObject', 'Allow'],
    ['kms:Generate?ataKey', 'kms:GenerateDataKey', 'Allow'],
    ['kms:Generate?ataKey', 'kms:GenerateDataKeyPair', 'ImplicitDeny'],
  ];

  for (const [pattern, action, expected] of cases) {
    const policy = JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: pattern, Resource: '*' } });
    assert.equal(decide(policy, root('111122223333'), action), expected, `${pattern} vs ${action}`);
  }
});

test('principal forms', () => {
  const cases: Array<[unknown, Principal, PolicyDecision]> = [
    ['*', user('999988887777', 'anyone'), 'Allow'],
    [{ AWS: '*' }, user('999988887777', 'anyone'), 'Allow'],
    [{ AWS: '111122223333' }, root('111122223333'), 'Allow'],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, root('111122223333'), 'Allow'],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, user('111122223333', 'alice'), 'ImplicitDeny'],
    [{ AWS: ['arn:aws:iam::111122223333:user/alice'] }, user('111122223333', 'alice'), 'Allow'],
    [{ AWS: 'arn:aws:iam::111122223333:user/alice' }, user('111122223333', 'bob'), 'ImplicitDeny'],
    [{ Service: 's3.amazonaws.com' }, root('111122223333'), 'ImplicitDeny'],
  ];

  for (const [principalElement, principal, expected] of cases) {
    const policy = JSON.stringify({ Statement: { Effect: 'Allow', Principal: principalElement, Action: 'kms:Encrypt', Resource: '*' } });
    assert.equal(decide(policy, principal, 'kms:Encrypt'), expected, `${JSON.stringify(principalElement)} vs ${principal.arn}`);
  }
});

test('NotPrincipal excludes the named principals', () => {
  const policy = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  });

  assert.equal(decide(policy, user('111122223333', 'alice'), 'kms:Decrypt'), 'Allow');
  assert.equal(decide(policy, user('111122223333', 'bob'), 'kms:Decrypt'), 'ExplicitDeny');
  assert.equal(decide(policy, user('111122223333', 'bob'), 'kms:Encrypt'), 'Allow');
});

test('resource patterns', () => {
  const cases: Array<[string, string, PolicyDecision]> = [
    ['*', KEY_ARN, 'Allow'],
    [KEY_ARN, KEY_ARN, 'Allow'],
    ['arn:aws:kms:us-east-1:111122223333:key/*', KEY_ARN, 'Allow'],
    ['arn:aws:kms:*:111122223333:key/*', KEY_ARN, 'Allow'],
    ['arn:aws:kms:us-west-2:111122223333:key/*', KEY_ARN, 'ImplicitDeny'],
    ['arn:aws:kms:us-east-1:111122223333:KEY/*', KEY_ARN, 'ImplicitDeny'],
  ];

  for (const [pattern, resource, expected] of cases) {
    const policy = JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: pattern } });
    assert.equal(decide(policy, root('111122223333'), 'kms:Encrypt', {}, resource), expected, `${pattern} vs ${resource}`);
  }

  const notResource = JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:*', NotResource: KEY_ARN } });
  assert.equal(decide(notResource, root('111122223333'), 'kms:Encrypt'), 'ImplicitDeny');
  assert.equal(decide(notResource, root('111122223333'), 'kms:Encrypt', {}, KEY_ARN.replace('1234abcd', 'ffffffff')), 'Allow');
});

test('AWS managed S3 key policy conditions', () => {
  const policy = JSON.stringify({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
    ],
  });
  const alice = user('111122223333', 'alice');
  const viaS3 = { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.us-east-1.amazonaws.com' };

  assert.equal(decide(policy, alice, 'kms:GenerateDataKey', viaS3), 'Allow');
  assert.equal(decide(policy, alice, 'kms:GenerateDataKey', { 'KMS:CALLERACCOUNT': '111122223333', 'kms:viaservice': 's3.us-east-1.amazonaws.com' }), 'Allow');
  assert.equal(decide(policy, alice, 'kms:GenerateDataKey', { 'kms:CallerAccount': '111122223333' }), 'ImplicitDeny');
  assert.equal(decide(policy, user('444455556666', 'mallory'), 'kms:Decrypt', { ...viaS3, 'kms:CallerAccount': '444455556666' }), 'ImplicitDeny');
});

test('grant statement needs an AWS resource', () => {
  const policy = JSON.stringify({
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:user/IAMuser' },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  });
  const iamUser = user('111122223333', 'IAMuser');

  assert.equal(decide(policy, iamUser, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': true }), 'Allow');
  assert.equal(decide(policy, iamUser, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': false }), 'ImplicitDeny');
  assert.equal(decide(policy, iamUser, 'kms:CreateGrant'), 'ImplicitDeny');
});
