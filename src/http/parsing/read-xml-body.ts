/**
 * @module Reading a small XML request body, such as CreateBucketConfiguration.
 */
import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from '../../s3/s3-errors.js';

/** Largest XML body accepted; S3's configuration documents are far smaller. */
export const MAX_XML_BODY_BYTES = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

const MALFORMED_MESSAGE = 'The XML you provided was not well-formed or did not validate against our published schema';

/**
 * Reads `body` to its end and parses it. Returns undefined for an empty body.
 * The whole body is read before parsing, so a signature failure reported at the
 * end of the stream rejects before any of it is used.
 */
export async function readXmlBody(body: Readable, maxBytes: number = MAX_XML_BODY_BYTES): Promise<Record<string, unknown> | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    const chunk = part as Buffer;
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.');
    }
    parts.push(chunk);
  }

  const text = Buffer.concat(parts).toString('utf8').trim();
  if (text === '') {
    return undefined;
  }
  if (XMLValidator.validate(text) !== true) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }
  const parsed = parser.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }
  return parsed as Record<string, unknown>;
}

/** Throws MalformedXML unless `document` has the single root element `rootName`; returns its content. */
export function requireXmlRoot(document: Record<string, unknown>, rootName: string): Record<string, unknown> {
  const names = Object.keys(document).filter((name) => name !== '?xml');
  const root = document[rootName];
  if (names.length !== 1 || names[0] !== rootName) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }
  if (root === '' || root === undefined) {
    return {};
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }
  return root as Record<string, unknown>;
}
