/**
 * @module The four ways a request names a KMS key (key id, key ARN, alias name,
 * alias ARN), and the ARNs this server builds.
 */

export type KeyReference =
  | { readonly kind: 'key-id'; readonly keyId: string }
  | { readonly kind: 'key-arn'; readonly region: string; readonly accountId: string; readonly keyId: string }
  | { readonly kind: 'alias-name'; readonly aliasName: string }
  | { readonly kind: 'alias-arn'; readonly region: string; readonly accountId: string; readonly aliasName: string }
  | { readonly kind: 'invalid' };

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

/** Classifies a KeyId parameter. Key ids are returned in lower case, as this server creates them. */
export function parseKeyReference(value: string): KeyReference {
  if (isKeyId(value)) {
    return { kind: 'key-id', keyId: value.toLowerCase() };
  }

  if (value.startsWith('alias/')) {
    return { kind: 'alias-name', aliasName: value };
  }

  const keyArn = KEY_ARN.exec(value);
  if (keyArn) {
    const keyId = keyArn[3]!;
    return isKeyId(keyId) ? { kind: 'key-arn', region: keyArn[1]!, accountId: keyArn[2]!, keyId: keyId.toLowerCase() } : { kind: 'invalid' };
  }

  const aliasArn = ALIAS_ARN.exec(value);
  if (aliasArn) {
    return { kind: 'alias-arn', region: aliasArn[1]!, accountId: aliasArn[2]!, aliasName: aliasArn[3]! };
  }

  return { kind: 'invalid' };
}

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

/** Formats 16 random bytes as a version 4 UUID, the form of KMS key ids. */
export function uuidFromRandomBytes(bytes: Buffer): string {
  if (bytes.length !== 16) {
    throw new Error(`A UUID needs 16 random bytes, got ${bytes.length}`);
  }

  const uuid = Buffer.from(bytes);
  uuid[6] = (uuid[6]! & 0x0f) | 0x40;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;

  const hex = uuid.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
