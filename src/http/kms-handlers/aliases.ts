/**
 * @module HTTP handlers for CreateAlias, UpdateAlias, DeleteAlias and ListAliases.
 */
import type { KmsOperationHandler } from './kms-operation-handler.js';
import { optionalInteger, optionalString } from './request-fields.js';

export const aliasHandlers: Readonly<Record<string, KmsOperationHandler>> = {
  CreateAlias: async (kms, caller, input) => {
    await kms.createAlias(caller, { AliasName: optionalString(input, 'AliasName') as string, TargetKeyId: optionalString(input, 'TargetKeyId') as string });
    return undefined;
  },

  UpdateAlias: async (kms, caller, input) => {
    await kms.updateAlias(caller, { AliasName: optionalString(input, 'AliasName') as string, TargetKeyId: optionalString(input, 'TargetKeyId') as string });
    return undefined;
  },

  DeleteAlias: async (kms, caller, input) => {
    await kms.deleteAlias(caller, { AliasName: optionalString(input, 'AliasName') as string });
    return undefined;
  },

  ListAliases: (kms, caller, input) =>
    kms.listAliases(caller, { KeyId: optionalString(input, 'KeyId'), Limit: optionalInteger(input, 'Limit'), Marker: optionalString(input, 'Marker') }),
};
