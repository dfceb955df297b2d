import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeleteRequest } from './delete-objects.js';
import { S3Error } from '../../s3/s3-errors.js';

const isMalformed = (error: unknown): boolean => error instanceof S3Error && error.code === 'MalformedXML';

test('parses keys, versions and Quiet', () => {
  const parsed = parseDeleteRequest(
    '<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>' +
      '<Object><Key> spaced key </Key></Object><Object><Key>a&amp;b</Key><VersionId>null</VersionId></Object></Delete>',
  );

  assert.equal(parsed.quiet, true);
  assert.deepEqual(parsed.objects, [
    { key: ' spaced key ', versionId: undefined },
    { key: 'a&b', versionId: 'null' },
  ]);
});

test('single object without Quiet', () => {
  const parsed = parseDeleteRequest('<Delete>\n  <Object>\n    <Key>one</Key>\n  </Object>\n</Delete>');

  assert.equal(parsed.quiet, false);
  assert.deepEqual(parsed.objects, [{ key: 'one', versionId: undefined }]);
});

test('rejects malformed requests', () => {
  const tooMany = '<Delete>' + '<Object><Key>k</Key></Object>'.repeat(1001) + '</Delete>';
  for (const body of ['', 'not xml', '<Delete></Delete>', '<Other><Object><Key>k</Key></Object></Other>', '<Delete><Object></Object></Delete>', '<Delete><Quiet>maybe</Quiet><Object><Key>k</Key></Object></Delete>', tooMany]) {
    assert.throws(() => parseDeleteRequest(body), isMalformed, body.slice(0, 60));
  }
});
