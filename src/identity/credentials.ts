/**
 * @module Credential lookup: what signature verification needs from the identity store.
 */
import type { Principal } from './principals.js';

export interface Credential {
  readonly principal: Principal;
  /** Plaintext secret, unsealed only for the signature check. Never log it. */
  readonly secretAccessKey: string;
}

/** Returns the active credential for an access key id, or undefined when unknown or inactive. */
export type CredentialLookup = (accessKeyId: string) => Promise<Credential | undefined>;
