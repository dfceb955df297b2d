/**
 * Replays the signed requests of the AWS SigV4 test suite through the
 * server's verifier: each must pass, and must fail once its signature changes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadSigV4Suite, parseRawHttpRequest } from '../../../test/vectors/load-sigv4-suite.js';
import { AuthenticationError } from './authentication-error.js';
import { parseSignedRequest } from './parse-signed-request.js';
import type { ReceivedRequest } from './received-request.js';
import { verifySignature } from './verify-signature.js';

const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const EXPECTATIONS = { service: 'service', region: 'us-east-1', now: new Date('2015-08-30T12:36:00Z') };

// Upstream quirk: this case's .sreq carries get-vanilla's signature, while its .authz is right.
const SREQ_WITH_WRONG_SIGNATURE = 'get-vanilla-with-session-token';

function flipFirstCharacter(signature: string): string {
  return (signature[0] === '0' ? '1' : '0') + signature.slice(1);
}

describe('SigV4 test suite: verifier', () => {
  for (const suiteCase of loadSigV4Suite()) {
    const signed = parseRawHttpRequest(suiteCase.signedRequest);
    const authorization = signed.headers.find(([name]) => name === 'Authorization');

    const withAuthorization = (value: string): ReceivedRequest => ({
      method: signed.method,
      rawPath: signed.path,
      rawQuery: signed.rawQuery,
      headers: signed.headers.map(([name, headerValue]) => [name, name === 'Authorization' ? value : headerValue]),
    });
    const payloadHash = createHash('sha256').update(signed.body).digest('hex');

    const verify = (received: ReceivedRequest): void => {
      const parameters = parseSignedRequest(received, EXPECTATIONS);
      assert.equal(parameters.accessKeyId, 'AKIDEXAMPLE');
      verifySignature(received, parameters, SECRET_ACCESS_KEY, payloadHash, 'standard');
    };

    it(`${suiteCase.name} is accepted`, () => {
      assert.ok(authorization, 'signed request has an Authorization header');
      if (suiteCase.name !== SREQ_WITH_WRONG_SIGNATURE) {
        assert.equal(authorization[1], suiteCase.authorization, '.sreq carries the .authz value');
      }
      verify(withAuthorization(suiteCase.authorization));
    });

    it(`${suiteCase.name} with a changed signature is rejected`, () => {
      const signatureAt = suiteCase.authorization.indexOf('Signature=') + 'Signature='.length;
      const changed =
        suiteCase.authorization.slice(0, signatureAt) + flipFirstCharacter(suiteCase.authorization.slice(signatureAt));

      assert.throws(
        () => verify(withAuthorization(changed)),
        (error: unknown) => error instanceof AuthenticationError && error.code === 'SignatureDoesNotMatch',
      );
    });
  }
});
