/**
 * @module AWS Signature Version 4: canonical requests, signing keys and
 * signatures. Imports nothing platform-specific, so the caller supplies
 * SHA-256 and HMAC through `Sha256Provider`.
 */
export * from './constants.js';
export type {
  CanonicalUriMode,
  ChunkSigningContext,
  HeaderList,
  QueryParameter,
  Sha256Provider,
  SignableRequest,
  SigningCredentials,
} from './types.js';
export type { SignatureDetails, SigningOptions } from './build-signature.js';
export { canonicalizeHeaderValue, getCanonicalHeaders } from './get-canonical-headers.js';
export { computeSignature } from './compute-signature.js';
export { createCanonicalRequest, type CanonicalRequestParts } from './create-canonical-request.js';
export { createChunkStringToSign, type ChunkStringToSignParts } from './create-chunk-string-to-sign.js';
export { createCredentialScope } from './create-credential-scope.js';
export { createStringToSign, type StringToSignParts } from './create-string-to-sign.js';
export { createTrailerStringToSign, type TrailerStringToSignParts } from './create-trailer-string-to-sign.js';
export { deriveSigningKey } from './derive-signing-key.js';
export { formatAmzDate } from './format-amz-date.js';
export { getCanonicalQuery } from './get-canonical-query.js';
export { getCanonicalTrailer } from './get-canonical-trailer.js';
export { getCanonicalUri } from './get-canonical-uri.js';
export { normalizePath } from './normalize-path.js';
export { parseAmzDate } from './parse-amz-date.js';
export { parseQueryString } from './parse-query-string.js';
export { percentDecode } from './percent-decode.js';
export { presignRequest, type PresignedRequest, type PresignRequestOptions } from './presign-request.js';
export { signChunk } from './sign-chunk.js';
export { signRequest, type SignedRequest, type SignRequestOptions } from './sign-request.js';
export { signTrailer } from './sign-trailer.js';
export { toHex } from './to-hex.js';
export { uriEncode } from './uri-encode.js';
