/**
 * @module HTTP handler for PutObject.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Empty } from '../responses/write-s3-xml.js';
import type { S3Service } from '../../s3/s3-service.js';
import { rejectTaggingHeader } from './object-tagging.js';
import { encryptionResponseHeaders, readBodyIntegrityHeaders, readEncryptionHeaders, readStoredHeaders, readUserMetadata, readWriteConditions } from './object-headers.js';

export async function handlePutObject(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, key: string): Promise<void> {
  const headers = context.request.headers;
  rejectTaggingHeader(headers);

  const result = await s3.putObject(context.principal, {
    bucket,
    key,
    body: context.body,
    contentLength: context.decodedContentLength,
    ...readBodyIntegrityHeaders(headers),
    headers: readStoredHeaders(headers),
    userMetadata: readUserMetadata(headers),
    encryption: readEncryptionHeaders(headers),
    conditions: readWriteConditions(headers),
  });

  const responseHeaders: Record<string, string> = { ETag: result.etag, ...encryptionResponseHeaders(result) };
  if (result.kmsEncryptionContext !== undefined) {
    // NOTE: this returns the full context given to KMS, `aws:s3:arn` included.
    // Whether S3 includes that pair in this header is not documented.
    responseHeaders['x-amz-server-side-encryption-context'] = Buffer.from(JSON.stringify(result.kmsEncryptionContext), 'utf8').toString('base64');
  }
  if (result.checksum !== undefined) {
    responseHeaders[`x-amz-checksum-${result.checksum.algorithm}`] = result.checksum.value;
    responseHeaders['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  writeS3Empty(context, 200, responseHeaders);
}
