/**
 * @module Typed access to the members of a KMS JSON request. A member of the
 * wrong JSON type is a SerializationException, as in AWS; missing members are
 * left undefined for the service to report as ValidationException.
 */
import { KmsError } from '../../kms/kms-errors.js';
import type { EncryptionContext, Tag } from '../../kms/kms-api-types.js';

export type JsonObject = Readonly<Record<string, unknown>>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function optionalString(input: JsonObject, member: string): string | undefined {
  const value = present(input, member);
  if (value !== undefined && typeof value !== 'string') {
    throw wrongType(member, 'a string');
  }
  return value;
}

export function optionalBoolean(input: JsonObject, member: string): boolean | undefined {
  const value = present(input, member);
  if (value !== undefined && typeof value !== 'boolean') {
    throw wrongType(member, 'a boolean');
  }
  return value;
}

export function optionalInteger(input: JsonObject, member: string): number | undefined {
  const value = present(input, member);
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value))) {
    throw wrongType(member, 'an integer');
  }
  return value;
}

/** Decodes a base64 blob member. */
export function optionalBlob(input: JsonObject, member: string): Buffer | undefined {
  const value = optionalString(input, member);
  if (value === undefined) {
    return undefined;
  }
  if (!BASE64.test(value)) {
    throw new KmsError('SerializationException', `The value of ${member} is not valid base64.`);
  }
  return Buffer.from(value, 'base64');
}

export function optionalStringList(input: JsonObject, member: string): string[] | undefined {
  const value = present(input, member);
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw wrongType(member, 'a list of strings');
  }
  return value as string[];
}

export function optionalEncryptionContext(input: JsonObject, member: string): EncryptionContext | undefined {
  const value = present(input, member);
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value) || !Object.values(value).every((item) => typeof item === 'string')) {
    throw wrongType(member, 'a map of strings to strings');
  }
  return value as EncryptionContext;
}

export function optionalTags(input: JsonObject, member: string): Tag[] | undefined {
  const value = present(input, member);
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw wrongType(member, 'a list of tags');
  }
  return value.map((item, index) => {
    if (!isObject(item)) {
      throw wrongType(`${member}[${index}]`, 'an object with TagKey and TagValue');
    }
    return { TagKey: optionalString(item, 'TagKey') as string, TagValue: optionalString(item, 'TagValue') as string };
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a member's value, treating JSON null like an absent member, as the AWS JSON protocols do. */
function present(input: JsonObject, member: string): unknown {
  const value = input[member];
  return value === null ? undefined : value;
}

function wrongType(member: string, expected: string): KmsError {
  return new KmsError('SerializationException', `The value of ${member} must be ${expected}.`);
}
