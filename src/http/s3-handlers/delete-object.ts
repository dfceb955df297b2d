/**
 * @module HTTP handler for DeleteObject.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Empty } from '../responses/write-s3-xml.js';
import type { S3Service } from '../../s3/s3-service.js';

export async function handleDeleteObject(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, key: string): Promise<void> {
  await s3.deleteObject(context.principal, bucket, key);
  writeS3Empty(context, 204);
}
