/**
 * @module HTTP handlers for CreateKey, DescribeKey, ListKeys, EnableKey and DisableKey.
 */
import type { KmsOperationHandler } from './kms-operation-handler.js';
import { optionalBoolean, optionalInteger, optionalString, optionalTags } from './request-fields.js';

export const keyHandlers: Readonly<Record<string, KmsOperationHandler>> = {
  CreateKey: (kms, caller, input) =>
    kms.createKey(caller, {
      Policy: optionalString(input, 'Policy'),
      Description: optionalString(input, 'Description'),
      KeyUsage: optionalString(input, 'KeyUsage'),
      KeySpec: optionalString(input, 'KeySpec'),
      CustomerMasterKeySpec: optionalString(input, 'CustomerMasterKeySpec'),
      Origin: optionalString(input, 'Origin'),
      MultiRegion: optionalBoolean(input, 'MultiRegion'),
      Tags: optionalTags(input, 'Tags'),
      BypassPolicyLockoutSafetyCheck: optionalBoolean(input, 'BypassPolicyLockoutSafetyCheck'),
    }),

  DescribeKey: (kms, caller, input) => kms.describeKey(caller, { KeyId: optionalString(input, 'KeyId') as string }),

  ListKeys: (kms, caller, input) => kms.listKeys(caller, { Limit: optionalInteger(input, 'Limit'), Marker: optionalString(input, 'Marker') }),

  EnableKey: async (kms, caller, input) => {
    await kms.enableKey(caller, { KeyId: optionalString(input, 'KeyId') as string });
    return undefined;
  },

  DisableKey: async (kms, caller, input) => {
    await kms.disableKey(caller, { KeyId: optionalString(input, 'KeyId') as string });
    return undefined;
  },
};
