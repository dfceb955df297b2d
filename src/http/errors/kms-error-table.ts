/**
 * @module HTTP status of each KMS error type.
 *
 * The KMS API model gives some errors other statuses (NotFoundException 404,
 * DisabledException 409), but the service sends 400 for every client error,
 * and clients read the type from `__type`, not from the status.
 */
import type { KmsErrorType } from '../../kms/kms-errors.js';

export const KMS_ERROR_STATUS: Readonly<Record<KmsErrorType, number>> = {
  AccessDeniedException: 400,
  AlreadyExistsException: 400,
  DisabledException: 400,
  // The one client error the service sends with its own status.
  DryRunOperationException: 412,
  IncompleteSignatureException: 400,
  IncorrectKeyException: 400,
  InvalidAliasNameException: 400,
  InvalidArnException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  InvalidMarkerException: 400,
  InvalidSignatureException: 400,
  KMSInternalException: 500,
  KMSInvalidStateException: 400,
  LimitExceededException: 400,
  MalformedPolicyDocumentException: 400,
  MissingAuthenticationTokenException: 400,
  NotAuthorizedException: 400,
  NotFoundException: 400,
  SerializationException: 400,
  TagException: 400,
  UnknownOperationException: 400,
  UnrecognizedClientException: 400,
  UnsupportedOperationException: 400,
  ValidationException: 400,
};
