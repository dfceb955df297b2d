import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Error } from '../s3-errors.js';
import { parseEncryptionHeaders } from './encryption-request.js';

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function assertS3Error(action: () => unknown, code: string, detail?: Record<string, string>): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof S3Error, `expected S3Error, got ${String(error)}`);
    assert.equal(error.code, code);
    for (const [name, value] of Object.entries(detail ?? {})) {
      assert.equal(error.details[name], value);
    }
    return true;
  });
}

describe('parseEncryptionHeaders', () => {
  it('defaults to SSE-S3 without headers', () => {
    assert.deepEqual(parseEncryptionHeaders({}), { algorithm: 'AES256' });
  });

  it('accepts AES256 explicitly', () => {
    assert.deepEqual(parseEncryptionHeaders({ serverSideEncryption: 'AES256' }), { algorithm: 'AES256' });
  });

  it('accepts aws:kms without a key id', () => {
    assert.deepEqual(parseEncryptionHeaders({ serverSideEncryption: 'aws:kms' }), {
      algorithm: 'aws:kms',
      kmsKeyId: undefined,
      userContext: undefined,
    });
  });

  it('accepts aws:kms with key id and context', () => {
    const request = parseEncryptionHeaders({
      serverSideEncryption: 'aws:kms',
      kmsKeyId: 'alias/app',
      context: base64Json({ department: 'finance', 'project-id': '42' }),
    });

    assert.deepEqual(request, {
      algorithm: 'aws:kms',
      kmsKeyId: 'alias/app',
      userContext: { department: 'finance', 'project-id': '42' },
    });
  });

  it('rejects a key id without aws:kms', () => {
    assertS3Error(() => parseEncryptionHeaders({ kmsKeyId: 'alias/app' }), 'InvalidArgument', {
      ArgumentName: 'x-amz-server-side-encryption-aws-kms-key-id',
    });
  });

  it('rejects a key id with AES256', () => {
    assertS3Error(() => parseEncryptionHeaders({ serverSideEncryption: 'AES256', kmsKeyId: 'alias/app' }), 'InvalidArgument');
  });

  it('rejects a context without aws:kms', () => {
    assertS3Error(() => parseEncryptionHeaders({ context: base64Json({ a: 'b' }) }), 'InvalidArgument');
  });

  it('rejects unknown algorithms', () => {
    for (const value of ['aes256', 'AES128', 'kms', '']) {
      assertS3Error(() => parseEncryptionHeaders({ serverSideEncryption: value }), 'InvalidArgument', {
        ArgumentName: 'x-amz-server-side-encryption',
        ArgumentValue: value,
      });
    }
  });

  it('reports dual-layer SSE-KMS as not implemented', () => {
    assertS3Error(() => parseEncryptionHeaders({ serverSideEncryption: 'aws:kms:dsse' }), 'NotImplemented');
  });

  it('reports SSE-C as not implemented', () => {
    assertS3Error(() => parseEncryptionHeaders({ customerAlgorithm: 'AES256' }), 'NotImplemented');
  });

  const badContexts: Array<[string, string]> = [
    ['raw JSON', '{"a":"b"}'],
    ['nested object', base64Json({ a: { b: 'c' } })],
    ['number value', base64Json({ a: 1 })],
    ['array', base64Json(['a', 'b'])],
    ['JSON null', base64Json(null)],
    ['JSON string', base64Json('a')],
    ['invalid JSON', Buffer.from('{"a":').toString('base64')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64')],
    ['bad base64', 'e30'],
    ['empty header', ''],
    ['reserved aws: key', base64Json({ 'aws:s3:arn': 'arn:aws:s3:::other/key' })],
  ];
  for (const [name, context] of badContexts) {
    it(`rejects a context that is ${name}`, () => {
      assertS3Error(() => parseEncryptionHeaders({ serverSideEncryption: 'aws:kms', context }), 'InvalidArgument', {
        ArgumentName: 'x-amz-server-side-encryption-context',
      });
    });
  }

  it('accepts an empty context object', () => {
    const request = parseEncryptionHeaders({ serverSideEncryption: 'aws:kms', context: base64Json({}) });

    assert.deepEqual(request, { algorithm: 'aws:kms', kmsKeyId: undefined, userContext: {} });
  });
});
