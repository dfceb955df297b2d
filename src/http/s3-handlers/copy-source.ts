/**
 * @module Parsing of the `x-amz-copy-source` and `x-amz-metadata-directive`
 * headers of a CopyObject request.
 */
import { decodeS3Path } from '../authentication/decode-s3-path.js';
import { invalidArgument } from '../../s3/s3-errors.js';
import type { MetadataDirective } from '../../s3/objects/copy-object.js';

const COPY_SOURCE_HEADER = 'x-amz-copy-source';
const DIRECTIVE_HEADER = 'x-amz-metadata-directive';

export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  /** The `versionId` query parameter, when the header carried one. */
  readonly versionId?: string;
}

/**
 * Parses `bucket/key` or `/bucket/key`, URL-encoded, with an optional
 * `?versionId=<id>`. The path is decoded by the same rules as a request path,
 * so `%2B` is `+`, a raw `+` is a space and nothing is normalised. A `?` in a
 * key must be sent as `%3F`, because the first raw `?` starts the query.
 */
export function parseCopySource(headerValue: string): CopySource {
  const queryStart = headerValue.indexOf('?');
  const rawPath = queryStart === -1 ? headerValue : headerValue.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : headerValue.slice(queryStart + 1));

  let path: string;
  try {
    path = decodeS3Path(rawPath);
  } catch {
    // NOTE: AWS does not document its reply to a badly escaped copy source, so this message is this server's own.
    throw invalidArgument('Invalid copy source encoding.', COPY_SOURCE_HEADER, headerValue);
  }

  const withoutSlash = path.startsWith('/') ? path.slice(1) : path;
  const slash = withoutSlash.indexOf('/');
  const bucket = slash === -1 ? withoutSlash : withoutSlash.slice(0, slash);
  const key = slash === -1 ? '' : withoutSlash.slice(slash + 1);
  if (bucket === '') {
    throw invalidArgument('Invalid copy source bucket name', COPY_SOURCE_HEADER, headerValue);
  }
  if (key === '') {
    throw invalidArgument('Invalid copy source object key', COPY_SOURCE_HEADER, headerValue);
  }

  const versionId = query.get('versionId');
  return versionId === null ? { bucket, key } : { bucket, key, versionId };
}

/** Reads `x-amz-metadata-directive`: COPY when absent, else exactly COPY or REPLACE. */
export function parseMetadataDirective(headerValue: string | undefined): MetadataDirective {
  if (headerValue === undefined || headerValue === 'COPY') {
    return 'COPY';
  }
  if (headerValue === 'REPLACE') {
    return 'REPLACE';
  }
  throw invalidArgument('Unknown metadata directive.', DIRECTIVE_HEADER, headerValue);
}
