/**
 * @module S3's limits on multipart uploads and the checks that apply them.
 */
import { invalidArgument, S3Error } from '../s3-errors.js';

/** Smallest size of every part but the last: 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 ** 2;
/** Largest size of one part: 5 GiB. */
export const MAX_PART_BYTES = 5 * 1024 ** 3;
/** Part numbers run from 1 to this. */
export const MAX_PART_NUMBER = 10_000;
/** Default and largest page of ListParts and ListMultipartUploads. */
export const MAX_LISTED = 1000;

/** Parses a `partNumber` query value; anything but an integer from 1 to 10000 is InvalidArgument. */
export function parsePartNumber(value: string | null): number {
  const partNumber = value !== null && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(partNumber >= 1 && partNumber <= MAX_PART_NUMBER)) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', value ?? '');
  }
  return partNumber;
}

/** Raised for an upload id that names no upload in progress for this bucket and key. */
export function noSuchUpload(uploadId: string): S3Error {
  return new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  );
}
