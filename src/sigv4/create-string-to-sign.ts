/**
 * @module String to sign for a request.
 */
import { ALGORITHM } from './constants.js';
import { toHex } from './to-hex.js';
import type { Sha256Provider } from './types.js';

export interface StringToSignParts {
  /** `YYYYMMDDTHHMMSSZ`, the same value the request carries. */
  readonly requestDateTime: string;
  readonly credentialScope: string;
  readonly canonicalRequest: string;
}

/** Builds the four lines: algorithm, request time, scope and hex SHA-256 of the canonical request. */
export function createStringToSign(parts: StringToSignParts, hashing: Sha256Provider): string {
  return [
    ALGORITHM,
    parts.requestDateTime,
    parts.credentialScope,
    toHex(hashing.sha256(parts.canonicalRequest)),
  ].join('\n');
}
