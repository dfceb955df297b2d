/**
 * @module The KMS service: one method per KMS API operation, each taking the
 * authenticated caller and the AWS request shape and returning the AWS
 * response shape. No HTTP types here; the HTTP edge and S3 both call in.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../identity/principals.js';
import type { SqliteDatabase } from '../storage/metadata/sqlite/sqlite-database.js';
import { createAlias, deleteAlias, listAliases, updateAlias } from './aliases/alias-operations.js';
import { decrypt } from './cryptographic-operations/decrypt.js';
import { encrypt } from './cryptographic-operations/encrypt.js';
import { generateDataKey, generateDataKeyWithoutPlaintext } from './cryptographic-operations/generate-data-key.js';
import { getKeyPolicy, putKeyPolicy } from './key-policies/key-policy-operations.js';
import { findOrCreateAwsManagedKey } from './keys/aws-managed-keys.js';
import { createKey, describeKey, disableKey, enableKey, listKeys } from './keys/key-operations.js';
import type * as Api from './kms-api-types.js';
import type { KmsRuntime } from './kms-runtime.js';
import { KmsStore } from './kms-store.js';
import type { RootKeystore } from './root-keystores/root-keystore.js';

export interface KmsServiceDependencies {
  readonly database: SqliteDatabase;
  readonly rootKeystore: RootKeystore;
  readonly region: string;
  readonly clock?: () => Date;
  readonly random?: (byteCount: number) => Buffer;
}

export class KmsService {
  readonly #runtime: KmsRuntime;

  constructor(deps: KmsServiceDependencies) {
    this.#runtime = {
      store: new KmsStore(deps.database),
      rootKeystore: deps.rootKeystore,
      region: deps.region,
      clock: deps.clock ?? (() => new Date()),
      random: deps.random ?? randomBytes,
    };
  }

  get region(): string {
    return this.#runtime.region;
  }

  createKey(caller: Principal, request: Api.CreateKeyRequest, via?: Api.ViaService): Promise<Api.KeyMetadataResponse> {
    return createKey(this.#runtime, caller, request, via);
  }

  describeKey(caller: Principal, request: Api.KeyIdRequest, via?: Api.ViaService): Promise<Api.KeyMetadataResponse> {
    return describeKey(this.#runtime, caller, request, via);
  }

  listKeys(caller: Principal, request: Api.ListRequest, _via?: Api.ViaService): Promise<Api.ListKeysResponse> {
    return listKeys(this.#runtime, caller, request);
  }

  enableKey(caller: Principal, request: Api.KeyIdRequest, via?: Api.ViaService): Promise<void> {
    return enableKey(this.#runtime, caller, request, via);
  }

  disableKey(caller: Principal, request: Api.KeyIdRequest, via?: Api.ViaService): Promise<void> {
    return disableKey(this.#runtime, caller, request, via);
  }

  createAlias(caller: Principal, request: Api.AliasRequest, via?: Api.ViaService): Promise<void> {
    return createAlias(this.#runtime, caller, request, via);
  }

  updateAlias(caller: Principal, request: Api.AliasRequest, via?: Api.ViaService): Promise<void> {
    return updateAlias(this.#runtime, caller, request, via);
  }

  deleteAlias(caller: Principal, request: Api.DeleteAliasRequest, via?: Api.ViaService): Promise<void> {
    return deleteAlias(this.#runtime, caller, request, via);
  }

  listAliases(caller: Principal, request: Api.ListAliasesRequest, _via?: Api.ViaService): Promise<Api.ListAliasesResponse> {
    return listAliases(this.#runtime, caller, request);
  }

  getKeyPolicy(caller: Principal, request: Api.GetKeyPolicyRequest, via?: Api.ViaService): Promise<Api.GetKeyPolicyResponse> {
    return getKeyPolicy(this.#runtime, caller, request, via);
  }

  putKeyPolicy(caller: Principal, request: Api.PutKeyPolicyRequest, via?: Api.ViaService): Promise<void> {
    return putKeyPolicy(this.#runtime, caller, request, via);
  }

  encrypt(caller: Principal, request: Api.EncryptRequest, via?: Api.ViaService): Promise<Api.EncryptResponse> {
    return encrypt(this.#runtime, caller, request, via);
  }

  decrypt(caller: Principal, request: Api.DecryptRequest, via?: Api.ViaService): Promise<Api.DecryptResponse> {
    return decrypt(this.#runtime, caller, request, via);
  }

  generateDataKey(caller: Principal, request: Api.GenerateDataKeyRequest, via?: Api.ViaService): Promise<Api.GenerateDataKeyResponse> {
    return generateDataKey(this.#runtime, caller, request, via);
  }

  generateDataKeyWithoutPlaintext(caller: Principal, request: Api.GenerateDataKeyRequest, via?: Api.ViaService): Promise<Api.GenerateDataKeyWithoutPlaintextResponse> {
    return generateDataKeyWithoutPlaintext(this.#runtime, caller, request, via);
  }

  /**
   * Returns the ARN of an account's AWS managed key for `aliasName`
   * (`alias/aws/s3`), creating the key on first use. Not a KMS API operation:
   * services call it before using their default key.
   */
  async ensureAwsManagedKey(accountId: string, aliasName: string): Promise<string> {
    const key = findOrCreateAwsManagedKey(this.#runtime, accountId, aliasName);
    if (!key) {
      throw new Error(`${aliasName} does not name an AWS managed key`);
    }
    return key.arn;
  }
}
