/**
 * @module Access key pairs: generation and the record the identity store keeps.
 */
import { randomBytes, randomInt } from 'node:crypto';

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An access key id with the secret the server needs to verify its signatures. */
export interface AccessKeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Generates a key id in AWS's shape: `AKIA` plus 16 base32 characters. */
export function generateAccessKeyId(): string {
  let id = 'AKIA';
  for (let i = 0; i < 16; i += 1) {
    id += KEY_ID_ALPHABET[randomInt(KEY_ID_ALPHABET.length)];
  }
  return id;
}

/** Generates a 40-character secret from 30 random bytes. */
export function generateSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

export function generateAccessKeyPair(): AccessKeyPair {
  return { accessKeyId: generateAccessKeyId(), secretAccessKey: generateSecretAccessKey() };
}

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

export function isValidAccessKeyId(value: string): boolean {
  return ACCESS_KEY_ID.test(value);
}

/** Secrets are base64-like and 40 characters for AWS, but any printable ASCII of 16+ works. */
export function isValidSecretAccessKey(value: string): boolean {
  return /^[\x21-\x7e]{16,128}$/.test(value);
}
