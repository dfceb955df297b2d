/**
 * @module Object tags, which this server does not store: GetObjectTagging
 * returns an empty tag set, and requests that would set tags are rejected
 * with 501 NotImplemented, so that the empty tag set is always true.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Xml } from '../responses/write-s3-xml.js';
import { invalidArgument, S3Error } from '../../s3/s3-errors.js';
import type { S3Service } from '../../s3/s3-service.js';

/**
 * Returns `<Tagging><TagSet/></Tagging>` for an existing object. The object
 * is checked as HEAD checks it, without a KMS call.
 */
export async function handleGetObjectTagging(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, key: string): Promise<void> {
  await s3.headObject(context.principal, bucket, key);
  writeS3Xml(context, 200, 'Tagging', { TagSet: '' });
}

/**
 * Rejects an `x-amz-tagging` header that names tags, on PutObject and
 * CreateMultipartUpload. An empty value names no tags and is accepted.
 */
export function rejectTaggingHeader(headers: IncomingHttpHeaders): void {
  const tagging = headers['x-amz-tagging'];
  if (tagging !== undefined && tagging !== '') {
    throw taggingNotImplemented('x-amz-tagging');
  }
}

/**
 * Rejects a CopyObject that would give the copy tags. With the default
 * `x-amz-tagging-directive: COPY` the copy takes the source's tags, which are
 * always none, and S3 ignores `x-amz-tagging`. With REPLACE the copy takes
 * the tags of `x-amz-tagging`.
 */
export function rejectCopyTagging(headers: IncomingHttpHeaders): void {
  const directive = headers['x-amz-tagging-directive'];
  if (directive === undefined || directive === 'COPY') {
    return;
  }
  if (directive !== 'REPLACE') {
    // NOTE: S3 documents only COPY and REPLACE, not its reply to another value, so this message is this server's own.
    throw invalidArgument('Unknown tagging directive.', 'x-amz-tagging-directive', String(directive));
  }
  rejectTaggingHeader(headers);
}

function taggingNotImplemented(header: string): S3Error {
  // TODO: object tags need storage and the PutObjectTagging and DeleteObjectTagging operations, which this server does not implement yet.
  return new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: header });
}
