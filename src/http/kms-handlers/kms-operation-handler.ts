/**
 * @module The shape of a KMS operation handler: JSON input in, response object out.
 */
import type { Principal } from '../../identity/principals.js';
import type { KmsService } from '../../kms/kms-service.js';
import type { JsonObject } from './request-fields.js';

/** Returns the response object, or undefined for operations whose response has no body. */
export type KmsOperationHandler = (kms: KmsService, caller: Principal, input: JsonObject) => Promise<object | undefined>;
