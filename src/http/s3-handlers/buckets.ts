/**
 * @module HTTP handlers for bucket operations.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { readXmlBody, requireXmlRoot } from '../parsing/read-xml-body.js';
import { writeS3Empty, writeS3Xml } from '../responses/write-s3-xml.js';
import { S3Error } from '../../s3/s3-errors.js';
import type { S3Service } from '../../s3/s3-service.js';

export async function handleCreateBucket(context: AuthenticatedRequestContext, s3: S3Service, bucket: string): Promise<void> {
  // The optional body is CreateBucketConfiguration; only LocationConstraint matters here.
  const document = await readXmlBody(context.body);
  let locationConstraint: string | undefined;
  if (document !== undefined) {
    const configuration = requireXmlRoot(document, 'CreateBucketConfiguration');
    const value = configuration.LocationConstraint;
    if (value !== undefined && typeof value !== 'string') {
      throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    }
    locationConstraint = value;
  }

  s3.createBucket(context.principal, { bucket, ...(locationConstraint !== undefined ? { locationConstraint } : {}) });
  writeS3Empty(context, 200, { Location: `/${bucket}` });
}

export async function handleHeadBucket(context: AuthenticatedRequestContext, s3: S3Service, bucket: string): Promise<void> {
  const record = s3.headBucket(context.principal, bucket);
  writeS3Empty(context, 200, { 'x-amz-bucket-region': record.region });
}

export async function handleDeleteBucket(context: AuthenticatedRequestContext, s3: S3Service, bucket: string): Promise<void> {
  s3.deleteBucket(context.principal, bucket);
  writeS3Empty(context, 204);
}

export async function handleGetBucketLocation(context: AuthenticatedRequestContext, s3: S3Service, bucket: string): Promise<void> {
  const constraint = s3.getBucketLocation(context.principal, bucket);
  writeS3Xml(context, 200, 'LocationConstraint', constraint);
}

export async function handleListBuckets(context: AuthenticatedRequestContext, s3: S3Service): Promise<void> {
  // TODO: max-buckets and continuation-token paging; every bucket of the
  // account is returned in one page for now.
  const { owner, buckets } = s3.listBuckets(context.principal);
  writeS3Xml(context, 200, 'ListAllMyBucketsResult', {
    Owner: { ID: owner.id, DisplayName: owner.displayName },
    Buckets: {
      Bucket: buckets.map((bucket) => ({
        Name: bucket.name,
        CreationDate: bucket.createdAt.toISOString(),
        BucketRegion: bucket.region,
      })),
    },
  });
}
