/**
 * @module CreateAlias, UpdateAlias, DeleteAlias and ListAliases. Aliases belong
 * to an account; the operations here never reach another account's aliases.
 */
import type { Principal } from '../../identity/principals.js';
import { authorizeAccountAction } from '../key-policies/authorize-account-action.js';
import { authorizeKeyAction } from '../key-policies/authorize-key-action.js';
import { aliasArn } from '../keys/key-identifiers.js';
import { requireKeyId } from '../keys/key-operations.js';
import { resolveKey } from '../keys/resolve-key.js';
import type { AliasRequest, DeleteAliasRequest, ListAliasesRequest, ListAliasesResponse, ViaService } from '../kms-api-types.js';
import { KmsError } from '../kms-errors.js';
import type { KmsRuntime } from '../kms-runtime.js';
import type { KmsAliasRecord } from '../kms-store.js';
import { decodeMarker, encodeMarker } from '../paging-marker.js';
import { ConstraintChecker } from '../request-validation.js';
import { rejectReservedAliasName, validateAliasName } from './alias-names.js';

const LIST_ALIASES_DEFAULT_LIMIT = 50;
const TARGET_KEY = { allowAlias: false, allowCrossAccount: false } as const;

export async function createAlias(runtime: KmsRuntime, caller: Principal, request: AliasRequest, via: ViaService | undefined): Promise<void> {
  validateAliasName(request.AliasName);
  requireKeyId(request.TargetKeyId, 'targetKeyId');
  rejectReservedAliasName(request.AliasName);

  authorizeAccountAction(caller, 'kms:CreateAlias');
  const key = resolveKey(runtime, caller, request.TargetKeyId, TARGET_KEY);
  authorizeKeyAction(runtime, key, { caller, action: 'kms:CreateAlias', via });

  const now = runtime.clock();
  const inserted = runtime.store.insertAlias({ accountId: caller.accountId, aliasName: request.AliasName, targetKeyId: key.keyId, createdAt: now, updatedAt: now });
  if (!inserted) {
    throw new KmsError('AlreadyExistsException', `An alias with the name ${aliasArn(runtime.region, caller.accountId, request.AliasName)} already exists`);
  }
}

export async function updateAlias(runtime: KmsRuntime, caller: Principal, request: AliasRequest, via: ViaService | undefined): Promise<void> {
  validateAliasName(request.AliasName);
  requireKeyId(request.TargetKeyId, 'targetKeyId');
  rejectReservedAliasName(request.AliasName);

  const alias = findAlias(runtime, caller, request.AliasName);
  const currentKey = resolveKey(runtime, caller, alias.targetKeyId, TARGET_KEY);
  const newKey = resolveKey(runtime, caller, request.TargetKeyId, TARGET_KEY);

  // Moving an alias changes which key it names, so the policies of both keys must allow it.
  authorizeKeyAction(runtime, currentKey, { caller, action: 'kms:UpdateAlias', via });
  authorizeKeyAction(runtime, newKey, { caller, action: 'kms:UpdateAlias', via });

  runtime.store.updateAliasTarget(caller.accountId, request.AliasName, newKey.keyId, runtime.clock());
}

export async function deleteAlias(runtime: KmsRuntime, caller: Principal, request: DeleteAliasRequest, via: ViaService | undefined): Promise<void> {
  validateAliasName(request.AliasName);
  rejectReservedAliasName(request.AliasName);

  const alias = findAlias(runtime, caller, request.AliasName);
  const key = resolveKey(runtime, caller, alias.targetKeyId, TARGET_KEY);
  authorizeKeyAction(runtime, key, { caller, action: 'kms:DeleteAlias', via });

  runtime.store.deleteAlias(caller.accountId, request.AliasName);
}

/**
 * Lists the caller account's aliases in name order.
 * Differs from AWS: AWS also lists the predefined `alias/aws/*` aliases of AWS
 * managed keys not yet created, without a TargetKeyId. This lists only
 * aliases that name a key.
 */
export async function listAliases(runtime: KmsRuntime, caller: Principal, request: ListAliasesRequest): Promise<ListAliasesResponse> {
  const checker = new ConstraintChecker();
  checker.stringLength('keyId', request.KeyId, 1, 2048);
  checker.integerRange('limit', request.Limit, 1, 100);
  checker.stringLength('marker', request.Marker, 1, 1024);
  checker.throwIfInvalid();

  authorizeAccountAction(caller, 'kms:ListAliases');
  const targetKeyId = request.KeyId === undefined ? undefined : resolveKey(runtime, caller, request.KeyId, TARGET_KEY).keyId;
  const afterName = decodeMarker(request.Marker, (name) => name.startsWith('alias/'));
  const limit = request.Limit ?? LIST_ALIASES_DEFAULT_LIMIT;

  // Fetching one row more than the page shows whether another page follows.
  const aliases = runtime.store.listAliases(caller.accountId, targetKeyId, afterName, limit + 1);
  const page = aliases.slice(0, limit);
  const truncated = aliases.length > limit;

  return {
    Aliases: page.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: aliasArn(runtime.region, alias.accountId, alias.aliasName),
      TargetKeyId: alias.targetKeyId,
      CreationDate: alias.createdAt,
      LastUpdateDate: alias.updatedAt,
    })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: encodeMarker(page[page.length - 1]!.aliasName) } : {}),
  };
}

function findAlias(runtime: KmsRuntime, caller: Principal, aliasName: string): KmsAliasRecord {
  const alias = runtime.store.findAlias(caller.accountId, aliasName);
  if (!alias) {
    throw new KmsError('NotFoundException', `Alias ${aliasArn(runtime.region, caller.accountId, aliasName)} is not found.`);
  }
  return alias;
}
