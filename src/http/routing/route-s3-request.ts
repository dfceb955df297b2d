/**
 * @module S3 routing: which bucket, key and operation a request addresses.
 *
 * Path style: `/<bucket>/<key>`. Virtual-host style: `Host: <bucket>.<suffix>`
 * for a configured suffix, and the whole path is the key. The path is decoded
 * by S3's rules (`decodeS3Path`) and never normalised, so `/b//foo` is key `/foo`.
 */
import { decodeS3Path } from '../authentication/decode-s3-path.js';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { S3Error } from '../../s3/s3-errors.js';
import type { S3Service } from '../../s3/s3-service.js';
import { setS3ResponseHeaders } from '../responses/write-s3-xml.js';
import { handleCreateBucket, handleDeleteBucket, handleGetBucketLocation, handleHeadBucket, handleListBuckets } from '../s3-handlers/buckets.js';
import { handleCopyObject } from '../s3-handlers/copy-object.js';
import { handleDeleteObject } from '../s3-handlers/delete-object.js';
import { handleDeleteObjects } from '../s3-handlers/delete-objects.js';
import { handleGetObject } from '../s3-handlers/get-object.js';
import { handleListObjects, handleListObjectsV2 } from '../s3-handlers/list-objects.js';
import {
  handleAbortMultipartUpload,
  handleCompleteMultipartUpload,
  handleCreateMultipartUpload,
  handleListMultipartUploads,
  handleListParts,
  handleUploadPart,
} from '../s3-handlers/multipart-uploads.js';
import { handleGetObjectTagging } from '../s3-handlers/object-tagging.js';
import { handlePutObject } from '../s3-handlers/put-object.js';
import { handleUploadPartCopy } from '../s3-handlers/upload-part-copy.js';

/** Operations this server implements, named as in the S3 API reference. */
export type S3Operation =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'HeadBucket'
  | 'DeleteBucket'
  | 'GetBucketLocation'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'PutObject'
  | 'CopyObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'UploadPartCopy'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListParts'
  | 'ListMultipartUploads'
  | 'DeleteObjects'
  | 'GetObjectTagging';

export interface S3Target {
  /** Undefined for service-level requests (`GET /`). */
  readonly bucket: string | undefined;
  /** Empty for bucket-level requests. */
  readonly key: string;
  readonly query: URLSearchParams;
}

export interface S3RoutingOptions {
  readonly region: string;
  readonly virtualHostSuffixes: readonly string[];
}

/**
 * Query parameters that select a sub-resource or another operation. A request
 * carrying one this server does not implement gets 501 NotImplemented rather
 * than being served as the plain operation.
 */
const SUB_RESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metadataTable', 'metrics', 'notification', 'object-lock',
  'ownershipControls', 'partNumber', 'policy', 'policyStatus', 'publicAccessBlock', 'renameObject', 'replication',
  'requestPayment', 'restore', 'retention', 'select', 'select-type', 'session', 'tagging', 'torrent', 'uploadId',
  'uploads', 'versionId', 'versioning', 'versions', 'website',
]);

export async function handleS3Request(context: AuthenticatedRequestContext, s3: S3Service, options: S3RoutingOptions): Promise<void> {
  setS3ResponseHeaders(context);
  const target = resolveS3Target(context.request.url ?? '/', hostOf(context), options.virtualHostSuffixes);
  const operation = selectS3Operation(context.request.method ?? 'GET', target, context.request.headers['x-amz-copy-source'] !== undefined);

  switch (operation) {
    case 'ListBuckets':
      return handleListBuckets(context, s3);
    case 'CreateBucket':
      return handleCreateBucket(context, s3, target.bucket!);
    case 'HeadBucket':
      return handleHeadBucket(context, s3, target.bucket!);
    case 'DeleteBucket':
      return handleDeleteBucket(context, s3, target.bucket!);
    case 'GetBucketLocation':
      return handleGetBucketLocation(context, s3, target.bucket!);
    case 'ListObjects':
      return handleListObjects(context, s3, target.bucket!, target.query);
    case 'ListObjectsV2':
      return handleListObjectsV2(context, s3, target.bucket!, target.query);
    case 'PutObject':
      return handlePutObject(context, s3, target.bucket!, target.key);
    case 'CopyObject':
      return handleCopyObject(context, s3, target.bucket!, target.key);
    case 'GetObject':
    case 'HeadObject':
      return handleGetObject(context, s3, target.bucket!, target.key, target.query);
    case 'DeleteObject':
      return handleDeleteObject(context, s3, target.bucket!, target.key);
    case 'CreateMultipartUpload':
      return handleCreateMultipartUpload(context, s3, target.bucket!, target.key);
    case 'UploadPart':
      return handleUploadPart(context, s3, target.bucket!, target.key, target.query);
    case 'UploadPartCopy':
      return handleUploadPartCopy(context, s3, target.bucket!, target.key, target.query);
    case 'CompleteMultipartUpload':
      return handleCompleteMultipartUpload(context, s3, target.bucket!, target.key, target.query);
    case 'AbortMultipartUpload':
      return handleAbortMultipartUpload(context, s3, target.bucket!, target.key, target.query);
    case 'ListParts':
      return handleListParts(context, s3, target.bucket!, target.key, target.query);
    case 'ListMultipartUploads':
      return handleListMultipartUploads(context, s3, target.bucket!, target.query);
    case 'DeleteObjects':
      return handleDeleteObjects(context, s3, target.bucket!);
    case 'GetObjectTagging':
      return handleGetObjectTagging(context, s3, target.bucket!, target.key);
  }
}

/** Splits a raw request URL and Host header into bucket, key and query. */
export function resolveS3Target(rawUrl: string, host: string, virtualHostSuffixes: readonly string[]): S3Target {
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  const path = decodeS3Path(rawPath);

  const hostBucket = bucketFromHost(host, virtualHostSuffixes);
  if (hostBucket !== undefined) {
    return { bucket: hostBucket, key: path.slice(1), query };
  }

  const withoutSlash = path.slice(1);
  if (withoutSlash === '') {
    return { bucket: undefined, key: '', query };
  }
  const slash = withoutSlash.indexOf('/');
  if (slash === -1) {
    return { bucket: withoutSlash, key: '', query };
  }
  return { bucket: withoutSlash.slice(0, slash), key: withoutSlash.slice(slash + 1), query };
}

/** Returns the bucket named by a virtual-host style Host header, or undefined for path style. */
export function bucketFromHost(host: string, virtualHostSuffixes: readonly string[]): string | undefined {
  const name = stripPort(host).toLowerCase();
  for (const suffix of virtualHostSuffixes) {
    if (name.endsWith(`.${suffix}`) && name.length > suffix.length + 1) {
      return name.slice(0, name.length - suffix.length - 1);
    }
  }
  return undefined;
}

/** Maps method, target and query to an operation, or throws NotImplemented / MethodNotAllowed. */
export function selectS3Operation(method: string, target: S3Target, hasCopySource: boolean): S3Operation {
  const subResources = [...target.query.keys()].filter((name) => SUB_RESOURCES.has(name));

  if (target.bucket === undefined) {
    if (method === 'GET' && subResources.length === 0) {
      return 'ListBuckets';
    }
    throw notImplemented(method, subResources);
  }

  if (target.key === '') {
    if (method === 'GET' && subResources.length === 1 && subResources[0] === 'location') {
      return 'GetBucketLocation';
    }
    if (method === 'GET' && subResources.length === 1 && subResources[0] === 'uploads') {
      return 'ListMultipartUploads';
    }
    if (method === 'POST' && subResources.length === 1 && subResources[0] === 'delete') {
      return 'DeleteObjects';
    }
    if (subResources.length > 0) {
      throw notImplemented(method, subResources);
    }
    switch (method) {
      case 'PUT':
        return 'CreateBucket';
      case 'HEAD':
        return 'HeadBucket';
      case 'DELETE':
        return 'DeleteBucket';
      case 'GET':
        return target.query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      case 'POST':
        throw notImplemented(method, subResources);
      default:
        throw methodNotAllowed(method);
    }
  }

  const multipart = selectMultipartOperation(method, subResources, hasCopySource);
  if (multipart !== undefined) {
    return multipart;
  }
  if (method === 'GET' && !hasCopySource && subResources.length === 1 && subResources[0] === 'tagging') {
    return 'GetObjectTagging';
  }
  if (hasCopySource) {
    if (method === 'PUT' && subResources.length === 0) {
      return 'CopyObject';
    }
    throw new S3Error('NotImplemented', `This server does not implement ${method} requests with x-amz-copy-source`, { Header: 'x-amz-copy-source' });
  }
  if (subResources.length > 0) {
    throw notImplemented(method, subResources);
  }
  switch (method) {
    case 'PUT':
      return 'PutObject';
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return 'DeleteObject';
    case 'POST':
      throw notImplemented(method, subResources);
    default:
      throw methodNotAllowed(method);
  }
}

/** Returns the multipart operation an object request names, or undefined when it names none. */
function selectMultipartOperation(method: string, subResources: readonly string[], hasCopySource: boolean): S3Operation | undefined {
  const names = [...subResources].sort().join('&');
  if (method === 'POST' && names === 'uploads') {
    return 'CreateMultipartUpload';
  }
  if (names !== 'uploadId' && !(method === 'PUT' && names === 'partNumber&uploadId')) {
    return undefined;
  }
  switch (method) {
    case 'PUT':
      if (names !== 'partNumber&uploadId') {
        return undefined;
      }
      return hasCopySource ? 'UploadPartCopy' : 'UploadPart';
    case 'POST':
      return 'CompleteMultipartUpload';
    case 'GET':
      return 'ListParts';
    case 'DELETE':
      return 'AbortMultipartUpload';
    default:
      return undefined;
  }
}

/**
 * Differs from AWS: S3's message for NotImplemented blames a header. This one
 * names the request that the server lacks, so the user knows what failed.
 */
function notImplemented(method: string, subResources: readonly string[]): S3Error {
  const request = subResources.length === 0 ? method : `${method} ?${subResources.join('&')}`;
  return new S3Error('NotImplemented', `This server does not implement ${request} requests`);
}

function methodNotAllowed(method: string): S3Error {
  return new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method, ResourceType: 'OBJECT' });
}

function hostOf(context: AuthenticatedRequestContext): string {
  return context.request.headers.host ?? '';
}

function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
