/**
 * @module Locates the repository root from compiled test code under dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the folder that contains package.json. */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    }
    folder = parent;
  }
  return folder;
}
