/**
 * @module KMS JSON responses (`application/x-amz-json-1.1`). Binary values
 * go out as base64 strings and dates as epoch seconds, as the AWS JSON
 * protocol encodes them.
 */
import type { RequestContext } from '../request-context.js';

export const KMS_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Sends a 200 response; `output` undefined sends an empty body, as AWS does for operations without output. */
export function writeKmsJson(context: RequestContext, output: object | undefined): void {
  const body = output === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(toWireValue(output)), 'utf8');
  writeKmsResponse(context, 200, body);
}

/** Writes a complete KMS response with the headers every KMS response carries. */
export function writeKmsResponse(context: RequestContext, status: number, body: Buffer, extraHeaders: Record<string, string> = {}): void {
  context.response.writeHead(status, {
    'Content-Type': KMS_CONTENT_TYPE,
    'Content-Length': String(body.length),
    'x-amzn-RequestId': context.requestId,
    ...extraHeaders,
  });
  context.response.end(body);
}

/** Converts bytes to base64 and dates to epoch seconds, recursively; drops undefined members. */
export function toWireValue(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
  if (value instanceof Date) {
    return value.getTime() / 1000;
  }
  if (Array.isArray(value)) {
    return value.map(toWireValue);
  }
  if (typeof value === 'object' && value !== null) {
    const converted: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      if (member !== undefined) {
        converted[name] = toWireValue(member);
      }
    }
    return converted;
  }
  return value;
}
