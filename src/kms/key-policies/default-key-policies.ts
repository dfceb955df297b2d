/**
 * @module The key policies KMS attaches when the caller supplies none: the
 * default policy of customer managed keys, and the policy of the AWS managed
 * key that S3 uses (`alias/aws/s3`).
 */
import { rootArn } from '../../identity/principals.js';

/** Returns the default key policy, which lets the account root do everything with the key. */
export function defaultKeyPolicy(accountId: string): string {
  const policy = {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: rootArn(accountId) },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}

/**
 * Returns the policy of the AWS managed S3 key: every principal of the account
 * may use the key through S3 only, and the account root may read its metadata.
 */
export function awsManagedS3KeyPolicy(accountId: string, region: string): string {
  const policy = {
    Version: '2012-10-17',
    Id: 'auto-s3-2',
    Statement: [
      {
        Sid: 'Allow access through S3 for all principals in the account that are authorized to use S3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:ViaService': `s3.${region}.amazonaws.com`,
            'kms:CallerAccount': accountId,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: rootArn(accountId) },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}
