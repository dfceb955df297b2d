/**
 * @module Reading the source of CopyObject and UploadPartCopy into a write.
 */
import type { Principal } from '../../identity/principals.js';
import type { S3Dependencies } from '../s3-dependencies.js';
import type { PlaintextRange } from '../server-side-encryption/segmented-range.js';
import { assertCopySourceConditions, type CopySourceConditions } from './copy-source-conditions.js';
import { getObject, type GetObjectResult } from './read-object.js';

export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly conditions: CopySourceConditions;
  readonly range?: PlaintextRange;
}

/**
 * Opens the source (all of it, or only `range`) and passes it to `write`.
 * Opening has KMS decrypt the source's data key as the caller, so an SSE-KMS
 * source needs kms:Decrypt. The source stream is released on every failure,
 * including a write that fails before it reads the body.
 */
export async function copyFromSource<T>(deps: S3Dependencies, caller: Principal, source: CopySource, write: (opened: GetObjectResult) => Promise<T>): Promise<T> {
  const opened = await getObject(deps, caller, source.bucket, source.key, source.range);

  try {
    // Another request may have replaced the source since the caller's checks,
    // and the conditions must hold for the version actually copied.
    assertCopySourceConditions(source.conditions, opened.object);
    return await write(opened);
  } catch (error) {
    opened.body.destroy();
    throw error;
  }
}
