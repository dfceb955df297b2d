/**
 * @module Reads the AWS SigV4 test suite in `test/vectors/sigv4-testsuite/`.
 * Tests run from `dist/`, so paths are resolved from the repository root.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One signing case: the five files named after its folder. */
export interface SigV4SuiteCase {
  /** Folder relative to the suite root, such as `normalize-path/get-space`. */
  readonly name: string;
  /** The request before signing. */
  readonly request: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly authorization: string;
  /** The request after signing. */
  readonly signedRequest: string;
}

/** A request written as raw HTTP/1.1 text, split into its parts. */
export interface RawHttpRequest {
  readonly method: string;
  /** Request target exactly as written. It may contain spaces and raw UTF-8. */
  readonly target: string;
  readonly path: string;
  /** Text after the first `?`, or an empty string. */
  readonly rawQuery: string;
  /** Fields in order. A folded (multi-line) value keeps its line breaks. */
  readonly headers: Array<[string, string]>;
  readonly body: string;
}

/** Walks up from this module to the folder that contains package.json. */
export function findRepositoryRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`package.json not found in ${start} or any folder above it`);
    folder = parent;
  }
  return folder;
}

export function sigV4SuiteRoot(): string {
  return join(findRepositoryRoot(), 'test', 'vectors', 'sigv4-testsuite');
}

/** Lists every case folder, including the nested `normalize-path/*` and `post-sts-token/*` ones. */
export function loadSigV4Suite(): SigV4SuiteCase[] {
  const root = sigV4SuiteRoot();
  const cases: SigV4SuiteCase[] = [];

  const visit = (folder: string): void => {
    const base = folder.slice(folder.lastIndexOf('/') + 1);
    const requestFile = join(folder, `${base}.req`);
    if (existsSync(requestFile)) {
      // Files are read as UTF-8 text, because get-utf8 has a raw UTF-8 path.
      const read = (extension: string): string => readFileSync(join(folder, `${base}.${extension}`), 'utf8');
      cases.push({
        name: relative(root, folder),
        request: read('req'),
        canonicalRequest: read('creq'),
        stringToSign: read('sts'),
        authorization: read('authz'),
        signedRequest: read('sreq'),
      });
    }
    for (const entry of readdirSync(folder).sort()) {
      const child = join(folder, entry);
      if (statSync(child).isDirectory()) visit(child);
    }
  };
  visit(root);

  return cases;
}

/**
 * Parses the suite's raw requests. Lines end in LF. Header lines may lack the
 * space after the colon, and a line that starts with whitespace continues the
 * previous value.
 */
export function parseRawHttpRequest(text: string): RawHttpRequest {
  const blankLine = text.indexOf('\n\n');
  const head = blankLine === -1 ? text : text.slice(0, blankLine);
  const body = blankLine === -1 ? '' : text.slice(blankLine + 2);
  const [requestLine = '', ...headerLines] = head.split('\n');

  // The target sits between the method and the protocol version and may contain spaces.
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const questionMark = target.indexOf('?');
  const path = questionMark === -1 ? target : target.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : target.slice(questionMark + 1);

  const headers: Array<[string, string]> = [];
  for (const line of headerLines) {
    if (line === '') continue;
    const previous = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && previous !== undefined) {
      previous[1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }

  return { method, target, path, rawQuery, headers, body };
}
