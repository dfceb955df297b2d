import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../observability/logger.js';
import { KmsError } from '../../kms/kms-errors.js';
import { AUTHENTICATION_ERROR_CODES, AuthenticationError, type AuthenticationErrorCode } from '../authentication/authentication-error.js';
import type { RequestContext } from '../request-context.js';
import { writeKmsError } from './write-kms-error.js';

interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: { __type: string; message: string };
  logs: Array<{ level: string; fields: unknown; message: string }>;
}

function send(error: unknown, requestHeaders: Record<string, string> = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/...' }, receivedAt = new Date()): CapturedResponse {
  const captured: CapturedResponse = { status: 0, headers: {}, body: { __type: '', message: '' }, logs: [] };
  const response = {
    headersSent: false,
    writeHead(status: number, headers: Record<string, string>) {
      captured.status = status;
      captured.headers = headers;
      return this;
    },
    end(body: Buffer) {
      captured.body = JSON.parse(body.toString('utf8'));
    },
  };
  const log = {
    error: (fields: unknown, message: string) => captured.logs.push({ level: 'error', fields, message }),
    info: (fields: unknown, message: string) => captured.logs.push({ level: 'info', fields, message }),
  };
  const context: RequestContext = {
    requestId: 'request-1',
    log: log as unknown as Logger,
    receivedAt,
    sourceIp: '127.0.0.1',
    request: { headers: requestHeaders, url: '/', method: 'POST' } as unknown as IncomingMessage,
    response: response as unknown as ServerResponse,
  };

  writeKmsError(context, error);
  return captured;
}

test('KmsError keeps its type and message', () => {
  const sent = send(new KmsError('NotFoundException', 'Invalid keyId \'x\''));

  assert.equal(sent.status, 400);
  assert.deepEqual(sent.body, { __type: 'NotFoundException', message: "Invalid keyId 'x'" });
  assert.equal(sent.headers['Content-Type'], 'application/x-amz-json-1.1');
  assert.equal(sent.headers['x-amzn-RequestId'], 'request-1');
  assert.equal(sent.logs[0]?.level, 'info');
});

test('unknown errors become KMSInternalException', () => {
  const sent = send(new Error('database file is locked at /var/lib/secret-path'));

  assert.equal(sent.status, 500);
  assert.equal(sent.body.__type, 'KMSInternalException');
  assert.doesNotMatch(sent.body.message, /secret-path/);
  assert.equal(sent.logs[0]?.level, 'error');
});

test('authentication errors map to KMS types', () => {
  const expected: Record<AuthenticationErrorCode, string> = {
    AccessDenied: 'AccessDeniedException',
    AuthorizationHeaderMalformed: 'IncompleteSignatureException',
    AuthorizationQueryParametersError: 'IncompleteSignatureException',
    BadDigest: 'SerializationException',
    IncompleteBody: 'SerializationException',
    InvalidAccessKeyId: 'UnrecognizedClientException',
    InvalidArgument: 'IncompleteSignatureException',
    InvalidDigest: 'SerializationException',
    InvalidRequest: 'IncompleteSignatureException',
    InvalidToken: 'UnrecognizedClientException',
    InvalidURI: 'UnknownOperationException',
    MaxMessageLengthExceeded: 'SerializationException',
    RequestTimeout: 'SerializationException',
    RequestTimeTooSkewed: 'InvalidSignatureException',
    SignatureDoesNotMatch: 'InvalidSignatureException',
    XAmzContentSHA256Mismatch: 'InvalidSignatureException',
  };

  for (const code of AUTHENTICATION_ERROR_CODES) {
    const sent = send(new AuthenticationError(code, `failure ${code}`));
    assert.equal(sent.body.__type, expected[code], code);
    assert.equal(sent.status, 400, code);
  }

  assert.equal(send(new AuthenticationError('InvalidAccessKeyId', 'x')).body.message, 'The security token included in the request is invalid.');
  assert.match(send(new AuthenticationError('SignatureDoesNotMatch', 'x')).body.message, /^The request signature we calculated does not match the signature you provided/);
});

test('unsigned request is missing its token', () => {
  const sent = send(new AuthenticationError('AccessDenied', 'Access Denied'), {});

  assert.deepEqual(sent.body, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
});

test('skewed request time messages', () => {
  const now = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));

  const expired = send(new AuthenticationError('RequestTimeTooSkewed', 'x'), { authorization: 'AWS4-HMAC-SHA256 ...', 'x-amz-date': '20150830T120000Z' }, now);
  assert.equal(expired.body.message, 'Signature expired: 20150830T120000Z is now earlier than 20150830T122100Z (20150830T123600Z - 15 min.)');

  const early = send(new AuthenticationError('RequestTimeTooSkewed', 'x'), { authorization: 'AWS4-HMAC-SHA256 ...', 'x-amz-date': '20150830T130000Z' }, now);
  assert.equal(early.body.message, 'Signature not yet current: 20150830T130000Z is still later than 20150830T125100Z (20150830T123600Z + 15 min.)');
});
