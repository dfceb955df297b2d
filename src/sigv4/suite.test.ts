/**
 * Replays the AWS SigV4 test suite through the signer: canonical request,
 * string to sign and Authorization header must match byte for byte.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeSha256 } from '../client/hashing/node-sha256.js';
import { loadSigV4Suite, parseRawHttpRequest } from '../../test/vectors/load-sigv4-suite.js';
import { percentDecode } from './percent-decode.js';
import { signRequest } from './sign-request.js';

const ACCESS_KEY_ID = 'AKIDEXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SIGNING_DATE = new Date('2015-08-30T12:36:00Z');
const utf8Decoder = new TextDecoder();

function groupValues(pairs: Iterable<readonly [string, string]>): Record<string, string | string[]> {
  const grouped: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const existing = grouped[name];
    if (existing === undefined) grouped[name] = value;
    else if (typeof existing === 'string') grouped[name] = [existing, value];
    else existing.push(value);
  }
  return grouped;
}

function decodeQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((piece) => {
    const [name = '', value = ''] = piece.split('=');
    return [utf8Decoder.decode(percentDecode(name)), utf8Decoder.decode(percentDecode(value))];
  });
}

function tokenFromSignedRequest(signedRequest: string): string | undefined {
  const header = parseRawHttpRequest(signedRequest).headers.find(([name]) => name.toLowerCase() === 'x-amz-security-token');
  return header?.[1];
}

describe('SigV4 test suite: signer', () => {
  const cases = loadSigV4Suite();

  it('finds all 34 cases', () => {
    assert.equal(cases.length, 34);
  });

  for (const suiteCase of cases) {
    it(suiteCase.name, () => {
      const request = parseRawHttpRequest(suiteCase.request);

      // Cases whose expected canonical request signs a token that the unsigned request lacks get it as a credential.
      const requestHasToken = request.headers.some(([name]) => name.toLowerCase() === 'x-amz-security-token');
      const signsToken = suiteCase.canonicalRequest.includes('\nx-amz-security-token:');
      const sessionToken = signsToken && !requestHasToken ? tokenFromSignedRequest(suiteCase.signedRequest) : undefined;

      const signed = signRequest(
        {
          method: request.method,
          path: request.path,
          query: groupValues(decodeQuery(request.rawQuery)),
          headers: groupValues(request.headers),
          body: request.body,
        },
        {
          credentials: {
            accessKeyId: ACCESS_KEY_ID,
            secretAccessKey: SECRET_ACCESS_KEY,
            ...(sessionToken === undefined ? {} : { sessionToken }),
          },
          region: 'us-east-1',
          service: 'service',
          signingDate: SIGNING_DATE,
          hashing: nodeSha256,
        },
      );

      assert.equal(signed.canonicalRequest, suiteCase.canonicalRequest, 'canonical request');
      assert.equal(signed.stringToSign, suiteCase.stringToSign, 'string to sign');
      assert.equal(signed.headers['authorization'], suiteCase.authorization, 'Authorization header');
    });
  }
});
