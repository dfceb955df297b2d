/**
 * @module Checks of the credential (`AKID/date/region/service/aws4_request`).
 */
import { SCOPE_TERMINATOR } from '../../sigv4/constants.js';
import { parseAmzDate } from '../../sigv4/parse-amz-date.js';
import { AuthenticationError, type AuthenticationErrorCode } from './authentication-error.js';
import type { SignatureExpectations } from './signature-parameters.js';

export interface ParsedCredential {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly credentialScope: string;
}

/** Error code and message prefix for credential failures, which differ between header and query. */
export interface CredentialErrorStyle {
  readonly code: AuthenticationErrorCode;
  readonly messagePrefix: string;
}

export const HEADER_CREDENTIAL_ERRORS: CredentialErrorStyle = {
  code: 'AuthorizationHeaderMalformed',
  messagePrefix: 'The authorization header is malformed; ',
};

export const QUERY_CREDENTIAL_ERRORS: CredentialErrorStyle = {
  code: 'AuthorizationQueryParametersError',
  messagePrefix: 'Error parsing the X-Amz-Credential parameter; ',
};

/**
 * Splits the credential and checks, in the order S3 does, its shape, date
 * format, region, service and terminator. The region and service must be the
 * server's own, because the signing key is derived from them.
 */
export function parseCredential(
  credential: string,
  expectations: SignatureExpectations,
  style: CredentialErrorStyle,
): ParsedCredential {
  const fail = (message: string, details: Record<string, string> = {}): AuthenticationError =>
    new AuthenticationError(style.code, style.messagePrefix + message, details);

  const parts = credential.split('/');
  if (parts.length !== 5 || parts[0] === '') {
    throw fail('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];

  if (!/^\d{8}$/.test(scopeDate) || parseAmzDate(`${scopeDate}T000000Z`) === undefined) {
    throw fail(`incorrect date format "${scopeDate}". This date in the credential must be in the format "yyyyMMdd".`);
  }
  if (region === '') {
    throw fail('a non-empty region must be provided in the credential.');
  }
  if (region !== expectations.region) {
    throw fail(`the region '${region}' is wrong; expecting '${expectations.region}'`, { Region: expectations.region });
  }
  if (service !== expectations.service) {
    throw fail(`incorrect service "${service}". This endpoint belongs to "${expectations.service}".`);
  }
  if (terminator !== SCOPE_TERMINATOR) {
    throw fail(`incorrect terminal "${terminator}". This endpoint uses "${SCOPE_TERMINATOR}".`);
  }

  return { accessKeyId, scopeDate, region, service, credentialScope: parts.slice(1).join('/') };
}
