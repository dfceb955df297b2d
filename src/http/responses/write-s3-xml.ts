/**
 * @module S3 response basics: the headers every S3 response carries and XML bodies.
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { RequestContext } from '../request-context.js';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  format: false,
});

/** A value of an XML element: text, a nested element, or a list of repeated elements. */
export type XmlContent = string | number | boolean | XmlElement | XmlElement[] | string[];
export interface XmlElement {
  [name: string]: XmlContent | undefined;
}

/**
 * Sets `x-amz-request-id`, `x-amz-id-2` and `Server` unless already set, and
 * returns the `x-amz-id-2` value, which error bodies repeat as HostId.
 */
export function setS3ResponseHeaders(context: RequestContext): string {
  const response = context.response;
  if (!response.hasHeader('x-amz-request-id')) {
    response.setHeader('x-amz-request-id', context.requestId);
  }
  let hostId = response.getHeader('x-amz-id-2');
  if (typeof hostId !== 'string') {
    // S3's extended request id is opaque; a random value serves the same purpose of telling requests apart.
    hostId = randomBytes(24).toString('base64');
    response.setHeader('x-amz-id-2', hostId);
  }
  response.setHeader('Server', 'Strongroom');
  return hostId;
}

/** Serializes `{ [rootName]: content }` as an XML document, with the S3 namespace on the root unless `withNamespace` is false. */
export function buildS3Xml(rootName: string, content: XmlElement | string, withNamespace = true): string {
  const root: XmlElement = typeof content === 'string' ? { '#text': content } : { ...content };
  if (withNamespace) {
    root['@_xmlns'] = S3_XML_NAMESPACE;
  }
  return XML_DECLARATION + (builder.build({ [rootName]: root }) as string);
}

/** Writes a complete XML response. */
export function writeS3Xml(context: RequestContext, status: number, rootName: string, content: XmlElement | string): void {
  setS3ResponseHeaders(context);
  const body = Buffer.from(buildS3Xml(rootName, content), 'utf8');
  context.response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': String(body.length),
  });
  context.response.end(body);
}

/** Writes a response with no body. */
export function writeS3Empty(context: RequestContext, status: number, headers: Record<string, string> = {}): void {
  setS3ResponseHeaders(context);
  context.response.writeHead(status, { ...headers, 'Content-Length': '0' });
  context.response.end();
}
