/**
 * @module Signing steps shared by `signRequest` and `presignRequest`.
 * @internal
 */
import { computeSignature } from './compute-signature.js';
import { HOST_HEADER, UNSIGNABLE_HEADERS, UNSIGNABLE_HEADER_PREFIXES } from './constants.js';
import { createCanonicalRequest } from './create-canonical-request.js';
import { createCredentialScope } from './create-credential-scope.js';
import { createStringToSign } from './create-string-to-sign.js';
import { deriveSigningKey } from './derive-signing-key.js';
import { formatAmzDate } from './format-amz-date.js';
import { getCanonicalHeaders } from './get-canonical-headers.js';
import { getCanonicalQuery } from './get-canonical-query.js';
import { getCanonicalUri } from './get-canonical-uri.js';
import type {
  CanonicalUriMode,
  ChunkSigningContext,
  HeaderList,
  QueryParameter,
  Sha256Provider,
  SigningCredentials,
} from './types.js';

/** Options of `signRequest` and `presignRequest`. */
export interface SigningOptions {
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly service: string;
  readonly signingDate: Date;
  readonly hashing: Sha256Provider;
  /** Defaults to `s3` for service `s3` and `standard` for every other service. */
  readonly uriMode?: CanonicalUriMode;
  /** Lowercase names of further headers to leave out of the signature. */
  readonly unsignedHeaders?: readonly string[];
}

/** The intermediate values of a signature, for debugging and for signing chunks. */
export interface SignatureDetails {
  readonly signature: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** Needed to sign the chunks of an aws-chunked body. Contains the signing key: never log it. */
  readonly chunkSigning: ChunkSigningContext;
}

/** Flattens a header record into fields, one per value. */
export function toHeaderList(headers: Readonly<Record<string, string | readonly string[]>>): HeaderList {
  const list: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') {
      list.push([name, value]);
    } else {
      for (const item of value) list.push([name, item]);
    }
  }
  return list;
}

/** Flattens a query record into parameters, one per value. */
export function toQueryParameters(query: Readonly<Record<string, string | readonly string[]>>): QueryParameter[] {
  const parameters: QueryParameter[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') {
      parameters.push([name, value]);
    } else {
      for (const item of value) parameters.push([name, item]);
    }
  }
  return parameters;
}

/** Removes every header named `name`, whatever its case, so that a signer can set it. */
export function withoutHeader(
  headers: Readonly<Record<string, string | readonly string[]>>,
  name: string,
): Record<string, string | readonly string[]> {
  const result: Record<string, string | readonly string[]> = {};
  for (const [headerName, value] of Object.entries(headers)) {
    if (headerName.toLowerCase() !== name) result[headerName] = value;
  }
  return result;
}

/** Picks the lowercase, sorted, unique names of the headers to sign. */
export function selectSignedHeaders(headers: HeaderList, unsignedHeaders: readonly string[] = []): string[] {
  const names = new Set<string>();
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    const unsignable =
      UNSIGNABLE_HEADERS.has(lower) ||
      UNSIGNABLE_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
      unsignedHeaders.includes(lower);
    if (!unsignable) names.add(lower);
  }

  if (!names.has(HOST_HEADER)) {
    throw new Error('Cannot sign a request without a host header: SigV4 requires host to be signed.');
  }
  return [...names].sort();
}

/** Computes the signature of a request whose headers and query already carry every signed value. */
export function buildSignature(
  request: { readonly method: string; readonly path: string },
  headers: HeaderList,
  signedHeaders: readonly string[],
  query: readonly QueryParameter[],
  payloadHash: string,
  options: SigningOptions,
): SignatureDetails {
  const requestDateTime = formatAmzDate(options.signingDate);
  const date = requestDateTime.slice(0, 8);
  const credentialScope = createCredentialScope(date, options.region, options.service);
  const uriMode = options.uriMode ?? (options.service === 's3' ? 's3' : 'standard');

  const canonicalRequest = createCanonicalRequest({
    method: request.method,
    canonicalUri: getCanonicalUri(request.path, uriMode),
    canonicalQuery: getCanonicalQuery(query),
    canonicalHeaders: getCanonicalHeaders(headers, signedHeaders),
    signedHeaders,
    payloadHash,
  });
  const stringToSign = createStringToSign({ requestDateTime, credentialScope, canonicalRequest }, options.hashing);

  const signingKey = deriveSigningKey(
    options.credentials.secretAccessKey,
    date,
    options.region,
    options.service,
    options.hashing,
  );
  const signature = computeSignature(signingKey, stringToSign, options.hashing);

  return {
    signature,
    canonicalRequest,
    stringToSign,
    chunkSigning: { signingKey, requestDateTime, credentialScope },
  };
}
