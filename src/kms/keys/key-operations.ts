/**
 * @module CreateKey, DescribeKey, ListKeys, EnableKey and DisableKey.
 */
import type { Principal } from '../../identity/principals.js';
import { authorizeAccountAction } from '../key-policies/authorize-account-action.js';
import { authorizeKeyAction, parseKeyPolicy } from '../key-policies/authorize-key-action.js';
import { defaultKeyPolicy } from '../key-policies/default-key-policies.js';
import { checkPolicyLockout } from '../key-policies/policy-lockout-check.js';
import type { CreateKeyRequest, KeyIdRequest, KeyMetadataResponse, ListKeysResponse, ListRequest, Tag, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KeyState } from '../kms-store.js';
import { decodeMarker, encodeMarker } from '../paging-marker.js';
import { ConstraintChecker } from '../request-validation.js';
import { isKeyId } from './key-identifiers.js';
import { toKeyMetadata } from './key-metadata.js';
import { newKeyRecord } from './new-key.js';
import { resolveKey } from './resolve-key.js';

const KEY_USAGES = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'ENCAPSULATE_DECAPSULATE'];
const CUSTOMER_MASTER_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2'];
const KEY_SPECS = [...CUSTOMER_MASTER_KEY_SPECS, 'ECC_NIST_EDWARDS25519', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'];
const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];
const MAX_TAGS = 50;
const LIST_KEYS_DEFAULT_LIMIT = 100;

export async function createKey(runtime: KmsRuntime, caller: Principal, request: CreateKeyRequest, via: ViaService | undefined): Promise<KeyMetadataResponse> {
  validateCreateKey(request);
  const tags = validateTags(request.Tags ?? []);

  authorizeAccountAction(caller, 'kms:CreateKey');
  const policy = request.Policy === undefined ? undefined : parseKeyPolicy(request.Policy);

  const key = newKeyRecord(runtime, {
    accountId: caller.accountId,
    description: request.Description ?? '',
    keyManager: 'CUSTOMER',
    policy: request.Policy ?? defaultKeyPolicy(caller.accountId),
  });

  if (policy && request.BypassPolicyLockoutSafetyCheck !== true) {
    checkPolicyLockout(runtime, policy, key.arn, key.accountId, caller, via);
  }

  runtime.store.insertKey(key, tags);
  return { KeyMetadata: toKeyMetadata(key) };
}

export async function describeKey(runtime: KmsRuntime, caller: Principal, request: KeyIdRequest, via: ViaService | undefined): Promise<KeyMetadataResponse> {
  requireKeyId(request.KeyId);

  const key = resolveKey(runtime, caller, request.KeyId, { allowAlias: true, allowCrossAccount: true });
  authorizeKeyAction(runtime, key, { caller, action: 'kms:DescribeKey', via });

  return { KeyMetadata: toKeyMetadata(key) };
}

export async function listKeys(runtime: KmsRuntime, caller: Principal, request: ListRequest): Promise<ListKeysResponse> {
  const checker = new ConstraintChecker();
  checker.integerRange('limit', request.Limit, 1, 1000);
  checker.stringLength('marker', request.Marker, 1, 1024);
  checker.throwIfInvalid();

  authorizeAccountAction(caller, 'kms:ListKeys');
  const afterKeyId = decodeMarker(request.Marker, isKeyId);
  const limit = request.Limit ?? LIST_KEYS_DEFAULT_LIMIT;

  // Fetching one row more than the page shows whether another page follows.
  const keys = runtime.store.listKeys(caller.accountId, afterKeyId, limit + 1);
  const page = keys.slice(0, limit);
  const truncated = keys.length > limit;

  return {
    Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: encodeMarker(page[page.length - 1]!.keyId) } : {}),
  };
}

export async function enableKey(runtime: KmsRuntime, caller: Principal, request: KeyIdRequest, via: ViaService | undefined): Promise<void> {
  await setKeyState(runtime, caller, request, via, 'kms:EnableKey', 'Enabled');
}

export async function disableKey(runtime: KmsRuntime, caller: Principal, request: KeyIdRequest, via: ViaService | undefined): Promise<void> {
  await setKeyState(runtime, caller, request, via, 'kms:DisableKey', 'Disabled');
}

async function setKeyState(runtime: KmsRuntime, caller: Principal, request: KeyIdRequest, via: ViaService | undefined, action: string, state: KeyState): Promise<void> {
  requireKeyId(request.KeyId);

  const key = resolveKey(runtime, caller, request.KeyId, { allowAlias: false, allowCrossAccount: false });
  authorizeKeyAction(runtime, key, { caller, action, via });

  runtime.store.setKeyState(key.keyId, state);
}

/** Checks the KeyId member every key operation shares. */
export function requireKeyId(keyId: string | undefined, field = 'keyId'): asserts keyId is string {
  const checker = new ConstraintChecker();
  if (checker.required(field, keyId)) {
    checker.stringLength(field, keyId, 1, 2048);
  }
  checker.throwIfInvalid();
}

function validateCreateKey(request: CreateKeyRequest): void {
  const checker = new ConstraintChecker();
  checker.stringLength('policy', request.Policy, 1, 131072);
  checker.stringLength('description', request.Description, 0, 8192);
  checker.oneOf('keyUsage', request.KeyUsage, KEY_USAGES);
  checker.oneOf('customerMasterKeySpec', request.CustomerMasterKeySpec, CUSTOMER_MASTER_KEY_SPECS);
  checker.oneOf('keySpec', request.KeySpec, KEY_SPECS);
  checker.oneOf('origin', request.Origin, ORIGINS);
  checker.throwIfInvalid();

  if (request.KeySpec !== undefined && request.CustomerMasterKeySpec !== undefined) {
    throw new KmsError('ValidationException', 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  }

  // Differs from AWS: only symmetric encryption keys with key material
  // generated here exist; asymmetric, HMAC, imported, custom key store and
  // multi-Region keys are rejected.
  const keySpec = request.KeySpec ?? request.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('UnsupportedOperationException', `KeySpec ${keySpec} is not supported: this server creates SYMMETRIC_DEFAULT keys only.`);
  }
  if (request.KeyUsage !== undefined && request.KeyUsage !== 'ENCRYPT_DECRYPT') {
    throw new KmsError('UnsupportedOperationException', `KeyUsage ${request.KeyUsage} is not supported: SYMMETRIC_DEFAULT keys are for ENCRYPT_DECRYPT.`);
  }
  if (request.Origin !== undefined && request.Origin !== 'AWS_KMS') {
    throw new KmsError('UnsupportedOperationException', `Origin ${request.Origin} is not supported: this server creates AWS_KMS keys only.`);
  }
  if (request.MultiRegion === true) {
    throw new KmsError('UnsupportedOperationException', 'Multi-Region keys are not supported.');
  }
}

function validateTags(tags: readonly Tag[]): Tag[] {
  const checker = new ConstraintChecker();
  tags.forEach((tag, index) => {
    const field = `tags.${index + 1}.member`;
    if (checker.required(`${field}.tagKey`, tag.TagKey)) {
      checker.stringLength(`${field}.tagKey`, tag.TagKey, 1, 128);
    }
    if (checker.required(`${field}.tagValue`, tag.TagValue)) {
      checker.stringLength(`${field}.tagValue`, tag.TagValue, 0, 256);
    }
  });
  checker.throwIfInvalid();

  if (tags.length > MAX_TAGS) {
    throw new KmsError('TagException', `Too many tags: a key may have at most ${MAX_TAGS}.`);
  }
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.TagKey.toLowerCase().startsWith('aws:')) {
      throw new KmsError('TagException', 'Tags beginning with aws: are reserved');
    }
    if (seen.has(tag.TagKey)) {
      throw new KmsError('TagException', `Duplicate tag key '${tag.TagKey}'`);
    }
    seen.add(tag.TagKey);
  }
  return [...tags];
}
