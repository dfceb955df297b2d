/**
 * @module HTTP handlers for multipart uploads: CreateMultipartUpload,
 * UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts and
 * ListMultipartUploads.
 */
import type { AuthenticatedRequestContext } from '../request-context.js';
import { readXmlBody, requireXmlRoot } from '../parsing/read-xml-body.js';
import { writeS3Empty, writeS3Xml, type XmlElement } from '../responses/write-s3-xml.js';
import { invalidArgument, malformedXml } from '../../s3/s3-errors.js';
import { parsePartNumber } from '../../s3/multipart-uploads/multipart-limits.js';
import type { RequestedPart } from '../../s3/multipart-uploads/plan-completion.js';
import type { S3Service } from '../../s3/s3-service.js';
import { encodeListingValue } from './list-objects.js';
import { rejectTaggingHeader } from './object-tagging.js';
import {
  encryptionResponseHeaders,
  readBodyIntegrityHeaders,
  readEncryptionHeaders,
  readWriteConditions,
  readStoredHeaders,
  readUserMetadata,
} from './object-headers.js';

export async function handleCreateMultipartUpload(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, key: string): Promise<void> {
  const headers = context.request.headers;
  rejectTaggingHeader(headers);
  const result = await s3.createMultipartUpload(context.principal, {
    bucket,
    key,
    headers: readStoredHeaders(headers),
    userMetadata: readUserMetadata(headers),
    encryption: readEncryptionHeaders(headers),
  });

  const responseHeaders = encryptionResponseHeaders(result);
  if (result.kmsEncryptionContext !== undefined) {
    responseHeaders['x-amz-server-side-encryption-context'] = Buffer.from(JSON.stringify(result.kmsEncryptionContext), 'utf8').toString('base64');
  }
  for (const [name, value] of Object.entries(responseHeaders)) {
    context.response.setHeader(name, value);
  }
  writeS3Xml(context, 200, 'InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: result.uploadId });
}

export async function handleUploadPart(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  const headers = context.request.headers;
  const partNumber = parsePartNumber(query.get('partNumber'));

  const result = await s3.uploadPart(context.principal, {
    bucket,
    key,
    uploadId: query.get('uploadId') ?? '',
    partNumber,
    body: context.body,
    contentLength: context.decodedContentLength,
    ...readBodyIntegrityHeaders(headers),
  });

  const responseHeaders: Record<string, string> = { ETag: result.etag, ...encryptionResponseHeaders(result) };
  if (result.checksum !== undefined) {
    responseHeaders[`x-amz-checksum-${result.checksum.algorithm}`] = result.checksum.value;
  }
  writeS3Empty(context, 200, responseHeaders);
}

export async function handleCompleteMultipartUpload(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  const conditions = readWriteConditions(context.request.headers);
  const document = await readXmlBody(context.body);
  const parts = parseCompletionBody(document);

  const result = await s3.completeMultipartUpload(context.principal, { bucket, key, uploadId: query.get('uploadId') ?? '', parts, conditions });

  for (const [name, value] of Object.entries(encryptionResponseHeaders(result))) {
    context.response.setHeader(name, value);
  }
  // Differs from AWS: S3 sends the object's URL as Location. This server sends
  // a path, because it does not know the host name clients reach it by.
  writeS3Xml(context, 200, 'CompleteMultipartUploadResult', {
    Location: `/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
    Bucket: result.bucket,
    Key: result.key,
    ETag: result.etag,
  });
}

export async function handleAbortMultipartUpload(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  await s3.abortMultipartUpload(context.principal, bucket, key, query.get('uploadId') ?? '');
  writeS3Empty(context, 204);
}

export async function handleListParts(
  context: AuthenticatedRequestContext,
  s3: S3Service,
  bucket: string,
  key: string,
  query: URLSearchParams,
): Promise<void> {
  const maxParts = parseCount(query, 'max-parts');
  const partNumberMarker = parseCount(query, 'part-number-marker');

  const result = s3.listParts(context.principal, {
    bucket,
    key,
    uploadId: query.get('uploadId') ?? '',
    ...(maxParts !== undefined ? { maxParts } : {}),
    ...(partNumberMarker !== undefined ? { partNumberMarker } : {}),
  });

  writeS3Xml(context, 200, 'ListPartsResult', {
    Bucket: result.bucket,
    Key: result.key,
    UploadId: result.uploadId,
    PartNumberMarker: result.partNumberMarker,
    NextPartNumberMarker: result.nextPartNumberMarker,
    MaxParts: result.maxParts,
    IsTruncated: result.isTruncated,
    Part: result.parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: part.lastModified.toISOString(),
      ETag: part.etag,
      Size: part.size,
      ...(part.checksum !== undefined ? { [`Checksum${part.checksum.algorithm.toUpperCase()}`]: part.checksum.value } : {}),
    })),
    Initiator: { ID: result.initiator.id, DisplayName: result.initiator.displayName },
    Owner: { ID: result.owner.id, DisplayName: result.owner.displayName },
    StorageClass: 'STANDARD',
  });
}

export async function handleListMultipartUploads(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, query: URLSearchParams): Promise<void> {
  const maxUploads = parseCount(query, 'max-uploads');
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const encode = encodingType === 'url' ? encodeListingValue : (value: string) => value;
  const optional = (name: string): string | undefined => query.get(name) ?? undefined;
  const prefix = optional('prefix');
  const delimiter = optional('delimiter');
  const keyMarker = optional('key-marker');
  const uploadIdMarker = keyMarker === undefined ? undefined : optional('upload-id-marker');

  const result = s3.listMultipartUploads(context.principal, {
    bucket,
    ...(prefix !== undefined ? { prefix } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(keyMarker !== undefined ? { keyMarker } : {}),
    ...(uploadIdMarker !== undefined ? { uploadIdMarker } : {}),
    ...(maxUploads !== undefined ? { maxUploads } : {}),
  });

  const content: XmlElement = {
    Bucket: bucket,
    KeyMarker: encode(keyMarker ?? ''),
    UploadIdMarker: uploadIdMarker ?? '',
    ...(result.nextKeyMarker !== undefined ? { NextKeyMarker: encode(result.nextKeyMarker) } : {}),
    ...(result.nextUploadIdMarker !== undefined ? { NextUploadIdMarker: result.nextUploadIdMarker } : {}),
    ...(delimiter !== undefined ? { Delimiter: encode(delimiter) } : {}),
    ...(prefix !== undefined ? { Prefix: encode(prefix) } : {}),
    ...(encodingType !== null ? { EncodingType: encodingType } : {}),
    MaxUploads: result.maxUploads,
    IsTruncated: result.isTruncated,
    Upload: result.uploads.map((upload) => ({
      Key: encode(upload.key),
      UploadId: upload.uploadId,
      Initiator: { ID: upload.initiator.id, DisplayName: upload.initiator.displayName },
      Owner: { ID: upload.owner.id, DisplayName: upload.owner.displayName },
      StorageClass: 'STANDARD',
      Initiated: upload.initiatedAt.toISOString(),
    })),
    CommonPrefixes: result.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
  };
  writeS3Xml(context, 200, 'ListMultipartUploadsResult', content);
}

/**
 * Reads the `<Part>` list of a CompleteMultipartUpload body. A missing body,
 * another root element, no parts, or a part without an integer PartNumber or
 * an ETag is MalformedXML; a part number outside 1..10000 is InvalidArgument.
 */
export function parseCompletionBody(document: Record<string, unknown> | undefined): RequestedPart[] {
  if (document === undefined) {
    throw malformedXml();
  }
  const root = requireXmlRoot(document, 'CompleteMultipartUpload');
  const listed = root.Part === undefined ? [] : Array.isArray(root.Part) ? (root.Part as unknown[]) : [root.Part];
  if (listed.length === 0) {
    throw malformedXml();
  }

  return listed.map((entry) => {
    if (typeof entry !== 'object' || entry === null) {
      throw malformedXml();
    }
    const { PartNumber: partNumberText, ETag: etag } = entry as Record<string, unknown>;
    if (typeof partNumberText !== 'string' || !/^-?\d+$/.test(partNumberText) || typeof etag !== 'string') {
      throw malformedXml();
    }
    return { partNumber: parsePartNumber(partNumberText), etag };
  });
}

/** Parses a non-negative integer query parameter such as `max-parts`; invalid values are InvalidArgument. */
function parseCount(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) {
    return undefined;
  }
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value <= 2147483647)) {
    throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, text);
  }
  return value;
}
