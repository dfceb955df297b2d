/**
 * @module Server-side encryption settings of a write request, from its
 * `x-amz-server-side-encryption*` headers.
 */
import { invalidArgument, S3Error } from '../s3-errors.js';
import { S3_ARN_CONTEXT_KEY } from './sse-kms.js';

/** Raw header values; undefined when the header was absent. */
export interface EncryptionHeaders {
  readonly serverSideEncryption?: string;
  readonly kmsKeyId?: string;
  readonly context?: string;
  readonly customerAlgorithm?: string;
  /** SSE-C key; only its presence is checked, and it never appears in an error. */
  readonly customerKey?: string;
  readonly customerKeyMd5?: string;
}

export type EncryptionRequest =
  | { readonly algorithm: 'AES256' }
  | {
      readonly algorithm: 'aws:kms';
      /** Key id, key ARN, alias name or alias ARN; undefined selects the account's `aws/s3` key. */
      readonly kmsKeyId: string | undefined;
      /** Pairs from `x-amz-server-side-encryption-context`, before S3 adds `aws:s3:arn`. */
      readonly userContext: Readonly<Record<string, string>> | undefined;
    };

const HEADER = 'x-amz-server-side-encryption';
const KEY_ID_HEADER = 'x-amz-server-side-encryption-aws-kms-key-id';
const CONTEXT_HEADER = 'x-amz-server-side-encryption-context';
const CUSTOMER_ALGORITHM_HEADER = 'x-amz-server-side-encryption-customer-algorithm';
const CUSTOMER_ALGORITHM_MESSAGE = 'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.';

const KMS_REQUIRED_MESSAGE = 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms';
const CONTEXT_MESSAGE = `The header '${CONTEXT_HEADER}' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map`;

/**
 * Validates the encryption headers of a PUT. Without any header the object gets
 * SSE-S3, as S3 does for every new object since January 2023. A KMS key id or
 * context without `aws:kms` is rejected, so a client that requested its own key
 * never gets a weaker default.
 */
export function parseEncryptionHeaders(headers: EncryptionHeaders): EncryptionRequest {
  if (headers.customerAlgorithm !== undefined) {
    // TODO: SSE-C needs its own key handling and headers on every read. Until
    // then it is rejected, because storing under another key would mislead the client.
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: CUSTOMER_ALGORITHM_HEADER });
  }
  if (headers.customerKey !== undefined || headers.customerKeyMd5 !== undefined) {
    // A customer key without its algorithm is rejected, as S3 does, rather
    // than storing the object under a key the client did not ask for.
    throw invalidArgument(CUSTOMER_ALGORITHM_MESSAGE, CUSTOMER_ALGORITHM_HEADER);
  }

  const algorithm = headers.serverSideEncryption;
  if (algorithm === 'aws:kms') {
    const kmsKeyId = headers.kmsKeyId === undefined || headers.kmsKeyId === '' ? undefined : headers.kmsKeyId;
    const userContext = headers.context === undefined ? undefined : parseEncryptionContext(headers.context);
    return { algorithm: 'aws:kms', kmsKeyId, userContext };
  }

  if (headers.kmsKeyId !== undefined) {
    throw invalidArgument(KMS_REQUIRED_MESSAGE, KEY_ID_HEADER, headers.kmsKeyId);
  }
  if (headers.context !== undefined) {
    throw invalidArgument(KMS_REQUIRED_MESSAGE, CONTEXT_HEADER);
  }

  if (algorithm === undefined || algorithm === 'AES256') {
    return { algorithm: 'AES256' };
  }
  if (algorithm === 'aws:kms:dsse') {
    // Differs from AWS: S3 offers dual-layer SSE-KMS, and this server does not yet.
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: HEADER });
  }
  throw invalidArgument('The encryption method specified is not supported', HEADER, algorithm);
}

/**
 * Decodes `x-amz-server-side-encryption-context`: base64 of UTF-8 JSON holding
 * an object whose values are all strings.
 *
 * NOTE: keys starting with `aws:` are rejected because S3 sets `aws:s3:arn`
 * itself. Whether AWS rejects or overrides such keys is not documented.
 */
export function parseEncryptionContext(headerValue: string): Record<string, string> {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(headerValue) || headerValue === '') {
    throw invalidArgument(CONTEXT_MESSAGE, CONTEXT_HEADER);
  }

  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(headerValue, 'base64'));
    parsed = JSON.parse(text);
  } catch {
    throw invalidArgument(CONTEXT_MESSAGE, CONTEXT_HEADER);
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidArgument(CONTEXT_MESSAGE, CONTEXT_HEADER);
  }

  const context: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || name === '' || name.toLowerCase().startsWith('aws:') || name === S3_ARN_CONTEXT_KEY) {
      throw invalidArgument(CONTEXT_MESSAGE, CONTEXT_HEADER);
    }
    context[name] = value;
  }
  return context;
}

/**
 * Rejects SSE-C headers on a GET or HEAD. No object here is stored with SSE-C,
 * and S3 rejects such a read of an object stored another way with this error.
 */
export function rejectCustomerKeyOnRead(headers: EncryptionHeaders): void {
  if (headers.customerAlgorithm !== undefined || headers.customerKey !== undefined || headers.customerKeyMd5 !== undefined) {
    throw new S3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  }
}
