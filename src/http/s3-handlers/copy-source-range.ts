/**
 * @module Parsing of the `x-amz-copy-source-range` header of UploadPartCopy.
 */
import { invalidArgument } from '../../s3/s3-errors.js';
import type { PlaintextRange } from '../../s3/server-side-encryption/segmented-range.js';

const RANGE_HEADER = 'x-amz-copy-source-range';

const FORM_MESSAGE =
  'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy';

/**
 * Parses `bytes=first-last`, both offsets inclusive and zero-based. Returns
 * undefined when the header is absent, which copies the whole source. Any
 * other form (a suffix or open range, several ranges, `first` after `last`) is
 * InvalidArgument, as on S3. Whether the range fits the source is checked
 * later, against the source's size.
 */
export function parseCopySourceRange(headerValue: string | undefined): PlaintextRange | undefined {
  if (headerValue === undefined) {
    return undefined;
  }

  // Fifteen digits keep every offset an exact integer in a double.
  const match = /^bytes=(\d{1,15})-(\d{1,15})$/.exec(headerValue);
  if (match === null) {
    throw invalidArgument(FORM_MESSAGE, RANGE_HEADER, headerValue);
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > end) {
    throw invalidArgument(FORM_MESSAGE, RANGE_HEADER, headerValue);
  }
  return { start, end };
}
