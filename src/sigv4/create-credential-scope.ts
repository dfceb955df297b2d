/**
 * @module Credential scope: `date/region/service/aws4_request`.
 */
import { SCOPE_TERMINATOR } from './constants.js';

/** Builds the scope from the request's `YYYYMMDD` date, its region and its service. */
export function createCredentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/${SCOPE_TERMINATOR}`;
}
