/**
 * @module HTTP handler for DeleteObjects (`POST /bucket?delete`), the batch delete.
 */
import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Xml, type XmlElement } from '../responses/write-s3-xml.js';
import { MAX_XML_BODY_BYTES } from '../parsing/read-xml-body.js';
import { S3Error } from '../../s3/s3-errors.js';
import type { S3Service } from '../../s3/s3-service.js';

/** S3 accepts at most this many keys in one request. */
const MAX_KEYS = 1000;

const MALFORMED_MESSAGE = 'The XML you provided was not well-formed or did not validate against our published schema';

// Values are not trimmed, because object keys may begin or end with spaces.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'Object',
});

interface ObjectToDelete {
  readonly key: string;
  readonly versionId: string | undefined;
}

export async function handleDeleteObjects(context: AuthenticatedRequestContext, s3: S3Service, bucket: string): Promise<void> {
  requireIntegrityHeader(context);
  const { quiet, objects } = parseDeleteRequest(await readBody(context.body));

  // A missing or foreign bucket fails the whole request, not each key.
  s3.headBucket(context.principal, bucket);

  const deleted: XmlElement[] = [];
  const errors: XmlElement[] = [];
  for (const object of objects) {
    const versionField = object.versionId !== undefined ? { VersionId: object.versionId } : {};

    // Buckets are unversioned, so only the "null" version exists.
    if (object.versionId !== undefined && object.versionId !== 'null') {
      errors.push({ Key: object.key, ...versionField, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' });
      continue;
    }

    try {
      await s3.deleteObject(context.principal, bucket, object.key);
      deleted.push({ Key: object.key, ...versionField });
    } catch (error) {
      if (!(error instanceof S3Error)) {
        throw error;
      }
      context.log.info({ code: error.code }, 'DeleteObjects entry failed');
      errors.push({ Key: object.key, ...versionField, Code: error.code, Message: error.message });
    }
  }

  writeS3Xml(context, 200, 'DeleteResult', {
    ...(quiet ? {} : { Deleted: deleted }),
    Error: errors,
  });
}

/** S3 requires Content-MD5 or a flexible checksum on DeleteObjects; the authentication layer verifies either. */
function requireIntegrityHeader(context: AuthenticatedRequestContext): void {
  const headers = context.request.headers;
  const hasChecksum = Object.keys(headers).some((name) => name.startsWith('x-amz-checksum-')) || headers['x-amz-trailer'] !== undefined;
  if (headers['content-md5'] === undefined && !hasChecksum) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
}

async function readBody(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    size += (part as Buffer).length;
    if (size > MAX_XML_BODY_BYTES) {
      body.destroy();
      throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.');
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Parses `<Delete><Quiet/>?<Object><Key/><VersionId/>?</Object>+</Delete>`. */
export function parseDeleteRequest(text: string): { quiet: boolean; objects: ObjectToDelete[] } {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }

  const document = parser.parse(text) as Record<string, unknown>;
  const root = document['Delete'];
  if (typeof root !== 'object' || root === null) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }
  const deleteElement = root as Record<string, unknown>;

  const quietText = typeof deleteElement['Quiet'] === 'string' ? deleteElement['Quiet'].trim().toLowerCase() : undefined;
  if (quietText !== undefined && quietText !== 'true' && quietText !== 'false') {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }

  const entries = (deleteElement['Object'] ?? []) as unknown[];
  if (entries.length === 0 || entries.length > MAX_KEYS) {
    throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
  }

  const objects = entries.map((entry): ObjectToDelete => {
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const key = fields['Key'];
    if (typeof key !== 'string' || key === '') {
      throw new S3Error('MalformedXML', MALFORMED_MESSAGE);
    }
    const versionId = typeof fields['VersionId'] === 'string' ? fields['VersionId'].trim() : undefined;
    return { key, versionId };
  });

  return { quiet: quietText === 'true', objects };
}
