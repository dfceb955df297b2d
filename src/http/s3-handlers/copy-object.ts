/**
 * @module HTTP handler for CopyObject: a PUT with `x-amz-copy-source`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthenticatedRequestContext } from '../request-context.js';
import { writeS3Xml, type XmlElement } from '../responses/write-s3-xml.js';
import { S3Error } from '../../s3/s3-errors.js';
import { CHECKSUM_ALGORITHMS, isChecksumAlgorithm, type ChecksumAlgorithm } from '../../s3/objects/object-checksum.js';
import type { CopySourceConditions } from '../../s3/objects/copy-source-conditions.js';
import type { S3Service } from '../../s3/s3-service.js';
import { parseCopySource, parseMetadataDirective } from './copy-source.js';
import { rejectCopyTagging } from './object-tagging.js';
import { encryptionResponseHeaders, readEncryptionHeaders, readStoredHeaders, readUserMetadata, singleHeader } from './object-headers.js';

/** Element names of a checksum in CopyObjectResult, by algorithm. */
const CHECKSUM_ELEMENTS: Readonly<Record<ChecksumAlgorithm, string>> = {
  crc32: 'ChecksumCRC32',
  crc32c: 'ChecksumCRC32C',
  crc64nvme: 'ChecksumCRC64NVME',
  sha1: 'ChecksumSHA1',
  sha256: 'ChecksumSHA256',
};

export async function handleCopyObject(context: AuthenticatedRequestContext, s3: S3Service, bucket: string, key: string): Promise<void> {
  const headers = context.request.headers;
  const source = parseCopySource(singleHeader(headers, 'x-amz-copy-source') ?? '');
  if (headers['x-amz-copy-source-server-side-encryption-customer-algorithm'] !== undefined) {
    // TODO: SSE-C sources need SSE-C itself, which this server does not implement yet.
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', {
      Header: 'x-amz-copy-source-server-side-encryption-customer-algorithm',
    });
  }
  rejectCopyTagging(headers);
  const checksumAlgorithm = readChecksumAlgorithm(headers);

  const result = await s3.copyObject(context.principal, {
    sourceBucket: source.bucket,
    sourceKey: source.key,
    ...(source.versionId !== undefined ? { sourceVersionId: source.versionId } : {}),
    bucket,
    key,
    metadataDirective: parseMetadataDirective(singleHeader(headers, 'x-amz-metadata-directive')),
    headers: readStoredHeaders(headers),
    userMetadata: readUserMetadata(headers),
    encryption: readEncryptionHeaders(headers),
    conditions: readCopySourceConditions(headers),
    ...(checksumAlgorithm !== undefined ? { checksumAlgorithm } : {}),
    setsStorageClassOrRedirect: headers['x-amz-storage-class'] !== undefined || headers['x-amz-website-redirect-location'] !== undefined,
  });

  for (const [name, value] of Object.entries(encryptionResponseHeaders(result))) {
    context.response.setHeader(name, value);
  }
  if (result.kmsEncryptionContext !== undefined) {
    context.response.setHeader('x-amz-server-side-encryption-context', Buffer.from(JSON.stringify(result.kmsEncryptionContext), 'utf8').toString('base64'));
  }
  const body: XmlElement = { ETag: result.etag, LastModified: result.lastModified.toISOString() };
  if (result.checksum !== undefined) {
    body.ChecksumType = 'FULL_OBJECT';
    body[CHECKSUM_ELEMENTS[result.checksum.algorithm]] = result.checksum.value;
  }
  writeS3Xml(context, 200, 'CopyObjectResult', body);
}

/** Reads the `x-amz-copy-source-if-*` headers of CopyObject and UploadPartCopy. */
export function readCopySourceConditions(headers: IncomingHttpHeaders): CopySourceConditions {
  const conditions: Record<string, string> = {};
  const names: Array<[keyof CopySourceConditions, string]> = [
    ['ifMatch', 'x-amz-copy-source-if-match'],
    ['ifNoneMatch', 'x-amz-copy-source-if-none-match'],
    ['ifModifiedSince', 'x-amz-copy-source-if-modified-since'],
    ['ifUnmodifiedSince', 'x-amz-copy-source-if-unmodified-since'],
  ];
  for (const [field, header] of names) {
    const value = singleHeader(headers, header);
    if (value !== undefined) {
      conditions[field] = value;
    }
  }
  return conditions;
}

/** Reads `x-amz-checksum-algorithm`, which names the checksum S3 computes for the copy. */
function readChecksumAlgorithm(headers: IncomingHttpHeaders): ChecksumAlgorithm | undefined {
  const value = singleHeader(headers, 'x-amz-checksum-algorithm');
  if (value === undefined) {
    return undefined;
  }
  const algorithm = value.trim().toLowerCase();
  if (!isChecksumAlgorithm(algorithm)) {
    const valid = CHECKSUM_ALGORITHMS.map((name) => name.toUpperCase()).join(', ');
    throw new S3Error('InvalidRequest', `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${valid}]`);
  }
  return algorithm;
}
