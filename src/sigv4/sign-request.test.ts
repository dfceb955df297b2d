import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeSha256 } from '../client/hashing/node-sha256.js';
import { formatAmzDate } from './format-amz-date.js';
import { parseAmzDate } from './parse-amz-date.js';
import { presignRequest } from './presign-request.js';
import { signRequest } from './sign-request.js';

const OPTIONS = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 's3',
  signingDate: new Date('2013-05-24T00:00:00Z'),
  hashing: nodeSha256,
};

describe('signRequest', () => {
  // The GET Object example of the Amazon S3 API reference, "Signature Calculations for the Authorization Header".
  it('reproduces the documented S3 GET example', () => {
    const signed = signRequest(
      {
        method: 'GET',
        path: '/test.txt',
        headers: { Host: 'examplebucket.s3.amazonaws.com', Range: 'bytes=0-9' },
      },
      OPTIONS,
    );
    assert.equal(
      signed.headers['authorization'],
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    assert.equal(
      signed.headers['x-amz-content-sha256'],
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('signs a session token and leaves unsignable headers out', () => {
    const signed = signRequest(
      { method: 'GET', path: '/', headers: { host: 'h', 'User-Agent': 'test', 'X-Amz-Date': 'stale' } },
      { ...OPTIONS, credentials: { ...OPTIONS.credentials, sessionToken: 'token' } },
    );
    assert.match(String(signed.headers['authorization']), /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
    assert.equal(signed.headers['x-amz-security-token'], 'token');
    assert.equal(signed.headers['x-amz-date'], '20130524T000000Z');
    assert.equal(signed.headers['X-Amz-Date'], undefined);
  });

  it('requires a host header', () => {
    assert.throws(() => signRequest({ method: 'GET', path: '/', headers: {} }, OPTIONS), /host/);
  });
});

describe('presignRequest', () => {
  // The presigned GET example of the Amazon S3 API reference, "Authenticating Requests: Using Query Parameters".
  it('reproduces the documented S3 presigned example', () => {
    const presigned = presignRequest(
      { method: 'GET', path: '/test.txt', headers: { Host: 'examplebucket.s3.amazonaws.com' } },
      { ...OPTIONS, expiresIn: 86_400 },
    );
    assert.equal(presigned.query['X-Amz-Signature'], 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
    assert.match(presigned.queryString, /^X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&/);
    assert.match(presigned.queryString, /&X-Amz-Signature=aeeed9bb[0-9a-f]{56}$/);
  });

  it('accepts lifetimes from 0 to 604800 seconds only', () => {
    const request = { method: 'GET', path: '/', headers: { host: 'h' } };
    assert.doesNotThrow(() => presignRequest(request, { ...OPTIONS, expiresIn: 604_800 }));
    assert.doesNotThrow(() => presignRequest(request, { ...OPTIONS, expiresIn: 0 }));
    for (const expiresIn of [604_801, -1, 1.5, Number.NaN]) {
      assert.throws(() => presignRequest(request, { ...OPTIONS, expiresIn }), RangeError, String(expiresIn));
    }
  });
});

describe('SigV4 timestamps', () => {
  it('formats and parses YYYYMMDDTHHMMSSZ', () => {
    assert.equal(formatAmzDate(new Date('2015-08-30T12:36:00.123Z')), '20150830T123600Z');
    assert.equal(parseAmzDate('20150830T123600Z')?.toISOString(), '2015-08-30T12:36:00.000Z');
  });

  it('rejects other shapes and impossible dates', () => {
    for (const text of ['2015-08-30T12:36:00Z', '20150830T123600', '20150230T000000Z', '20151301T000000Z', '20150830T246000Z']) {
      assert.equal(parseAmzDate(text), undefined, text);
    }
  });
});
