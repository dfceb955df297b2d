import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../../test/support/repository-root.js';
import { KMS_ERROR_TYPES } from '../../kms/kms-errors.js';
import { KMS_ERROR_STATUS } from './kms-error-table.js';

/** Rows of the table in the `## KMS` section of docs/errors.md, as type → status. */
function documentedKmsTypes(): Map<string, number> {
  const text = readFileSync(join(repositoryRoot(), 'docs', 'errors.md'), 'utf8');
  const start = text.indexOf('\n## KMS\n');
  assert.notEqual(start, -1, 'docs/errors.md has no "## KMS" section');
  const nextSection = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, nextSection === -1 ? undefined : nextSection);

  const types = new Map<string, number>();
  for (const match of section.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)) {
    types.set(match[1]!, Number(match[2]));
  }
  return types;
}

test('every KMS error type is documented', () => {
  const documented = documentedKmsTypes();

  for (const type of KMS_ERROR_TYPES) {
    assert.equal(documented.get(type), KMS_ERROR_STATUS[type], `docs/errors.md must list ${type} with status ${KMS_ERROR_STATUS[type]}`);
  }
});

test('documentation lists no unknown KMS types', () => {
  const known = new Set<string>(KMS_ERROR_TYPES);

  for (const type of documentedKmsTypes().keys()) {
    assert.ok(known.has(type), `docs/errors.md lists ${type}, which the server never sends`);
  }
});
