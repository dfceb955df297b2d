/**
 * @module Opaque paging markers for ListKeys and ListAliases. A marker carries
 * the sort key of the last item returned, so a page starts right after it even
 * when items were added or removed in between.
 */
import { KmsError } from './kms-errors.js';

const PREFIX = 'v1:';

export function encodeMarker(lastSortKey: string): string {
  return Buffer.from(PREFIX + lastSortKey, 'utf8').toString('base64url');
}

/**
 * Returns the sort key inside `marker`, or undefined for the first page.
 * Throws InvalidMarkerException when the marker was not made by {@link encodeMarker}
 * or its sort key fails `isValidSortKey`.
 */
export function decodeMarker(marker: string | undefined, isValidSortKey: (sortKey: string) => boolean): string | undefined {
  if (marker === undefined) {
    return undefined;
  }

  const decoded = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  const sortKey = decoded.startsWith(PREFIX) ? decoded.slice(PREFIX.length) : undefined;
  if (sortKey === undefined || !isValidSortKey(sortKey)) {
    throw new KmsError('InvalidMarkerException', `Invalid marker '${marker}': pass the NextMarker value of the previous response.`);
  }
  return sortKey;
}
