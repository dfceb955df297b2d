import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializeEncryptionContext } from './encryption-context.js';

test('empty and absent contexts serialize alike', () => {
  assert.deepEqual(serializeEncryptionContext(undefined), Buffer.from([0, 0, 0, 0]));
  assert.deepEqual(serializeEncryptionContext({}), Buffer.from([0, 0, 0, 0]));
});

test('key order does not matter', () => {
  const a = serializeEncryptionContext({ purpose: 'test', 'aws:s3:arn': 'arn:aws:s3:::example-bucket/a.txt', team: 'blue' });
  const b = serializeEncryptionContext({ team: 'blue', purpose: 'test', 'aws:s3:arn': 'arn:aws:s3:::example-bucket/a.txt' });
  assert.deepEqual(a, b);
});

test('layout is count then length-prefixed pairs', () => {
  const expected = Buffer.concat([
    Buffer.from([0, 0, 0, 2]),
    Buffer.from([0, 0, 0, 1]), Buffer.from('a'), Buffer.from([0, 0, 0, 2]), Buffer.from('bc'),
    Buffer.from([0, 0, 0, 2]), Buffer.from('é'), Buffer.from([0, 0, 0, 0]),
  ]);
  assert.deepEqual(serializeEncryptionContext({ 'é': '', a: 'bc' }), expected);
});

test('different contexts never serialize equal', () => {
  const contexts: Array<Record<string, string>> = [
    {},
    { a: '' },
    { '': 'a' },
    { a: 'bc' },
    { ab: 'c' },
    { a: 'b', c: 'd' },
    { a: 'b\u0000\u0000\u0000\u0001c' },
    { a: 'b', c: '' },
    { a: 'B' },
    { A: 'b' },
    { 'ä': 'b' },
  ];

  const seen = new Map<string, string>();
  for (const context of contexts) {
    const hex = serializeEncryptionContext(context).toString('hex');
    assert.equal(seen.get(hex), undefined, `${JSON.stringify(context)} serializes like ${seen.get(hex)}`);
    seen.set(hex, JSON.stringify(context));
  }
});

test('keys sort by UTF-8 bytes', () => {
  // U+10000 sorts before U+FF21 by UTF-16 code units but after it by UTF-8 bytes.
  const serialized = serializeEncryptionContext({ '\u{10000}': '1', '\uFF21': '2' });
  const firstKeyLength = serialized.readUInt32BE(4);
  const firstKey = serialized.subarray(8, 8 + firstKeyLength).toString('utf8');
  assert.equal(firstKey, '\uFF21');
});
