/**
 * @module KMS errors as the KMS JSON API reports them in `__type`.
 */

/** Every `__type` this server can send. The HTTP edge maps each to a status. */
export const KMS_ERROR_TYPES = [
  // Raised by the KMS service.
  'AccessDeniedException',
  'AlreadyExistsException',
  'DisabledException',
  'DryRunOperationException',
  'IncorrectKeyException',
  'InvalidAliasNameException',
  'InvalidArnException',
  'InvalidCiphertextException',
  'InvalidKeyUsageException',
  'InvalidMarkerException',
  'KMSInternalException',
  'KMSInvalidStateException',
  'LimitExceededException',
  'MalformedPolicyDocumentException',
  'NotAuthorizedException',
  'NotFoundException',
  'TagException',
  'UnsupportedOperationException',
  'ValidationException',
  // Raised by the HTTP edge: request framing and authentication.
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'SerializationException',
  'UnknownOperationException',
  'UnrecognizedClientException',
] as const;

export type KmsErrorType = (typeof KMS_ERROR_TYPES)[number];

/** A failure the client should see. The message must never contain key material or plaintext. */
export class KmsError extends Error {
  constructor(
    readonly type: KmsErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'KmsError';
  }
}
