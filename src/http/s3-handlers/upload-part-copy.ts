/**
 * @module HTTP handler for UploadPartCopy: a PUT with `partNumber`,
 * `uploadId` and `x-amz-copy-source`.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Xml } from '../responses/write-s3-xml.js';
import { parsePartNumber } from '../../s3/multipart-uploads/multipart-limits.js';
import { S3Error } from '../../s3/s3-errors.js';
import type { S3Service } from '../../s3/s3-service.js';
import { readCopySourceConditions } from './copy-object.js';
import { parseCopySource } from './copy-source.js';
import { parseCopySourceRange } from './copy-source-range.js';
import { encryptionResponseHeaders, singleHeader } from './object-headers.js';

export async function handleUploadPartCopy(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  const headers = context.request.headers;
  const partNumber = parsePartNumber(query.get('partNumber'));
  const source = parseCopySource(singleHeader(headers, 'x-amz-copy-source') ?? '');
  const sourceRange = parseCopySourceRange(singleHeader(headers, 'x-amz-copy-source-range'));
  if (headers['x-amz-copy-source-server-side-encryption-customer-algorithm'] !== undefined) {
    // TODO: SSE-C sources need SSE-C itself, which this server does not implement yet.
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', {
      Header: 'x-amz-copy-source-server-side-encryption-customer-algorithm',
    });
  }

  const result = await s3.uploadPartCopy(context.principal, {
    sourceBucket: source.bucket,
    sourceKey: source.key,
    ...(source.versionId !== undefined ? { sourceVersionId: source.versionId } : {}),
    ...(sourceRange !== undefined ? { sourceRange } : {}),
    conditions: readCopySourceConditions(headers),
    bucket,
    key,
    uploadId: query.get('uploadId') ?? '',
    partNumber,
  });

  for (const [name, value] of Object.entries(encryptionResponseHeaders(result))) {
    context.response.setHeader(name, value);
  }
  writeS3Xml(context, 200, 'CopyPartResult', { ETag: result.etag, LastModified: result.lastModified.toISOString() });
}
