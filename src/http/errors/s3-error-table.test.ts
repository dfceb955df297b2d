import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { AUTHENTICATION_ERROR_STATUS } from '../authentication/authentication-error.js';
import { S3_ERROR_STATUS, statusOfS3Error } from './s3-error-table.js';

/** Walks up from this file (under dist/ when run) to the folder holding package.json. */
function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    assert.notEqual(parent, folder, 'package.json not found above the test file');
    folder = parent;
  }
  return folder;
}

/** Rows of the table in the `## S3` section of docs/errors.md, as code → status. */
function documentedS3Codes(): Map<string, number> {
  const text = readFileSync(join(repositoryRoot(), 'docs', 'errors.md'), 'utf8');
  const start = text.indexOf('\n## S3\n');
  assert.notEqual(start, -1, 'docs/errors.md has no "## S3" section');
  const nextSection = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, nextSection === -1 ? undefined : nextSection);

  const codes = new Map<string, number>();
  for (const match of section.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)) {
    codes.set(match[1]!, Number(match[2]));
  }
  return codes;
}

describe('S3 error table', () => {
  const documented = documentedS3Codes();

  for (const [code, status] of Object.entries(S3_ERROR_STATUS)) {
    it(`documents ${code}`, () => {
      assert.equal(documented.get(code), status, `docs/errors.md must list ${code} with status ${status}`);
    });
  }

  for (const [code, status] of Object.entries(AUTHENTICATION_ERROR_STATUS)) {
    it(`lists authentication code ${code}`, () => {
      assert.equal(S3_ERROR_STATUS[code], status);
    });
  }

  it('documents the KMS pass-through code', () => {
    assert.equal(documented.get('KMS.<type>'), 400);
  });

  it('sends unknown KMS types as 400', () => {
    assert.equal(statusOfS3Error('KMS.LimitExceededException'), 400);
  });

  it('sends unknown codes as 500', () => {
    assert.equal(statusOfS3Error('SomethingNew'), 500);
  });
});
