import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announceRootCredentials } from './announce-root-credentials.js';

const generated = {
  accountId: '111122223333',
  credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  generated: true,
};

function capture(isTTY: boolean): { out: { isTTY: boolean; write(text: string): void }; text: () => string } {
  let written = '';
  return { out: { isTTY, write: (text: string) => (written += text) }, text: () => written };
}

test('terminal gets the secret once', () => {
  const { out, text } = capture(true);

  announceRootCredentials(generated, '/data/root-credentials.json', 'us-east-1', out);

  assert.match(text(), /AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY/);
  assert.match(text(), /AWS_ACCESS_KEY_ID=AKIAEXAMPLEEXAMPLE01/);
});

test('pipe gets only the file path', () => {
  const { out, text } = capture(false);

  announceRootCredentials(generated, '/data/root-credentials.json', 'us-east-1', out);

  assert.doesNotMatch(text(), /wJalrXUtnFEMI/);
  assert.match(text(), /\/data\/root-credentials\.json/);
});

test('reused credentials are not announced', () => {
  const { out, text } = capture(true);

  announceRootCredentials({ ...generated, generated: false }, '/data/root-credentials.json', 'us-east-1', out);

  assert.equal(text(), '');
});
