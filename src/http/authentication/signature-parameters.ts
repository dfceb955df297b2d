/**
 * @module What a SigV4 signature states about itself, read from the
 * `Authorization` header or from a presigned URL's query string.
 */

export interface SignatureParameters {
  /** Location of the signature: the `Authorization` header or the query string. */
  readonly location: 'header' | 'query';
  readonly accessKeyId: string;
  /** `date/region/service/aws4_request`, already checked against the server's region and service. */
  readonly credentialScope: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  /** Request time as `YYYYMMDDTHHMMSSZ`, the second line of the string to sign. */
  readonly requestDateTime: string;
  /** Header names as listed by the client, lowercased. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `X-Amz-Security-Token` from the header or the query, when sent. */
  readonly securityToken: string | undefined;
}

/** The server's expectations that a signature's scope and time must meet. */
export interface SignatureExpectations {
  /** Service name in the credential scope: `s3`, `kms`, or `service` for the AWS test suite. */
  readonly service: string;
  readonly region: string;
  readonly now: Date;
}
