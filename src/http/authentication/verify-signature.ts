/**
 * @module Recomputing a request's SigV4 signature and comparing it.
 */
import { timingSafeEqual } from 'node:crypto';
import { nodeSha256 } from '../../client/hashing/node-sha256.js';
import { computeSignature } from '../../sigv4/compute-signature.js';
import { SIGNATURE_QUERY_PARAMETER } from '../../sigv4/constants.js';
import { createCanonicalRequest } from '../../sigv4/create-canonical-request.js';
import { createStringToSign } from '../../sigv4/create-string-to-sign.js';
import { deriveSigningKey } from '../../sigv4/derive-signing-key.js';
import { getCanonicalHeaders } from '../../sigv4/get-canonical-headers.js';
import { getCanonicalQuery } from '../../sigv4/get-canonical-query.js';
import { getCanonicalUri } from '../../sigv4/get-canonical-uri.js';
import { parseQueryString } from '../../sigv4/parse-query-string.js';
import type { CanonicalUriMode, ChunkSigningContext } from '../../sigv4/types.js';
import { AuthenticationError } from './authentication-error.js';
import type { ReceivedRequest } from './received-request.js';
import type { SignatureParameters } from './signature-parameters.js';

const SIGNATURE_PARAMETER_LOWERCASE = SIGNATURE_QUERY_PARAMETER.toLowerCase();

/** Signed headers whose values are secrets, such as SSE-C keys, and so must not be echoed in errors. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'x-amz-server-side-encryption-customer-key',
  'x-amz-copy-source-server-side-encryption-customer-key',
  'x-amz-security-token',
]);
const utf8Decoder = new TextDecoder();

/** A verified request signature: the start of the chain that aws-chunked bodies continue. */
export interface VerifiedSignature {
  /** Contains the signing key: never log it. */
  readonly chunkSigning: ChunkSigningContext;
  readonly seedSignature: string;
}

/** Compares hex signatures in constant time. Only the length, which is public, may end it early. */
export function signaturesMatch(expected: string, provided: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const providedBytes = Buffer.from(provided, 'utf8');
  return expectedBytes.length === providedBytes.length && timingSafeEqual(expectedBytes, providedBytes);
}

function toByteList(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Builds the canonical query from every parameter except the signature, which signers leave out whatever its case. */
function canonicalQueryOf(rawQuery: string): string {
  return getCanonicalQuery(
    parseQueryString(rawQuery).filter(([name]) => {
      const decoded = typeof name === 'string' ? name : utf8Decoder.decode(name);
      return decoded.toLowerCase() !== SIGNATURE_PARAMETER_LOWERCASE;
    }),
  );
}

/**
 * Rebuilds the canonical request from the request as received and checks the
 * signature with the caller's secret key.
 *
 * For S3 the canonical URI is the decoded path encoded once. Clients disagree
 * about which characters to escape (`+`, `!`, `*`, lowercase hex), so a
 * signature over the path exactly as sent is accepted too. Both forms name the
 * same object, because routing decodes the same raw path.
 *
 * @throws AuthenticationError `SignatureDoesNotMatch`, with the canonical request and string to sign as AWS reports them.
 */
export function verifySignature(
  received: ReceivedRequest,
  parameters: SignatureParameters,
  secretAccessKey: string,
  payloadHash: string,
  uriMode: CanonicalUriMode,
): VerifiedSignature {
  const signingKey = deriveSigningKey(
    secretAccessKey,
    parameters.scopeDate,
    parameters.region,
    parameters.service,
    nodeSha256,
  );
  const canonicalQuery = canonicalQueryOf(received.rawQuery);
  const canonicalHeaders = getCanonicalHeaders(received.headers, parameters.signedHeaders);

  const canonicalUris = [getCanonicalUri(received.rawPath, uriMode)];
  if (uriMode === 's3' && received.rawPath !== '' && received.rawPath !== canonicalUris[0]) {
    canonicalUris.push(received.rawPath);
  }

  const attempts = canonicalUris.map((canonicalUri) => {
    const canonicalRequest = createCanonicalRequest({
      method: received.method,
      canonicalUri,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders: parameters.signedHeaders,
      payloadHash,
    });
    const stringToSign = createStringToSign(
      { requestDateTime: parameters.requestDateTime, credentialScope: parameters.credentialScope, canonicalRequest },
      nodeSha256,
    );
    return { canonicalRequest, stringToSign, signature: computeSignature(signingKey, stringToSign, nodeSha256) };
  });

  if (attempts.some((attempt) => signaturesMatch(attempt.signature, parameters.signature))) {
    return {
      chunkSigning: {
        signingKey,
        requestDateTime: parameters.requestDateTime,
        credentialScope: parameters.credentialScope,
      },
      seedSignature: parameters.signature,
    };
  }

  const reported = attempts[0]!;
  const details: Record<string, string> = {
    AWSAccessKeyId: parameters.accessKeyId,
    StringToSign: reported.stringToSign,
    SignatureProvided: parameters.signature,
    StringToSignBytes: toByteList(reported.stringToSign),
  };
  // Differs from AWS: the canonical request is left out when it contains a secret header value.
  if (!parameters.signedHeaders.some((name) => SECRET_HEADERS.has(name))) {
    details['CanonicalRequest'] = reported.canonicalRequest;
    details['CanonicalRequestBytes'] = toByteList(reported.canonicalRequest);
  }
  throw new AuthenticationError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    details,
  );
}
