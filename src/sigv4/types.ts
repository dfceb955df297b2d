/**
 * @module Shapes shared by the signing functions.
 */

/**
 * SHA-256 and HMAC-SHA256, passed in so that this library runs wherever a
 * platform supplies them. Strings are hashed as their UTF-8 bytes.
 */
export interface Sha256Provider {
  sha256(data: Uint8Array | string): Uint8Array;
  hmacSha256(key: Uint8Array | string, data: Uint8Array | string): Uint8Array;
}

/** Long-term or temporary AWS credentials. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  /** Secret key. Never log it. */
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Header fields in the order they are sent. A name may repeat. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** A query parameter after percent-decoding. Bytes carry values that are not valid UTF-8. */
export type QueryParameter = readonly [name: string | Uint8Array, value: string | Uint8Array];

/**
 * Rules for building the canonical URI from the path sent on the wire.
 * - `s3`: decode the path and encode it once, keeping `//`, `.` and `..` as they are.
 * - `standard`: remove dot segments and empty segments, then encode the wire path
 *   again, so that an escaped `%20` becomes `%2520` (all services except S3).
 */
export type CanonicalUriMode = 's3' | 'standard';

/** An HTTP request as given to a signer, before it is sent. */
export interface SignableRequest {
  readonly method: string;
  /** Path exactly as it goes on the wire, already percent-encoded. */
  readonly path: string;
  /** Query parameters before encoding. A repeated name takes an array of values. */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** Header fields. Must include `host`. A repeated header takes an array of values. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: Uint8Array | string;
}

/** Values shared by every chunk signature of one request. */
export interface ChunkSigningContext {
  /** Key derived for the request's scope. As secret as the secret key. Never log it. */
  readonly signingKey: Uint8Array;
  readonly requestDateTime: string;
  readonly credentialScope: string;
}
