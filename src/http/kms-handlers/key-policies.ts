/**
 * @module HTTP handlers for GetKeyPolicy and PutKeyPolicy.
 */
import type { KmsOperationHandler } from './kms-operation-handler.js';
import { optionalBoolean, optionalString } from './request-fields.js';

export const keyPolicyHandlers: Readonly<Record<string, KmsOperationHandler>> = {
  GetKeyPolicy: (kms, caller, input) => kms.getKeyPolicy(caller, { KeyId: optionalString(input, 'KeyId') as string, PolicyName: optionalString(input, 'PolicyName') }),

  PutKeyPolicy: async (kms, caller, input) => {
    await kms.putKeyPolicy(caller, {
      KeyId: optionalString(input, 'KeyId') as string,
      Policy: optionalString(input, 'Policy') as string,
      PolicyName: optionalString(input, 'PolicyName'),
      BypassPolicyLockoutSafetyCheck: optionalBoolean(input, 'BypassPolicyLockoutSafetyCheck'),
    });
    return undefined;
  },
};
