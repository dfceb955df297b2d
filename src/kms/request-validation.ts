/**
 * @module Field constraints of KMS requests, reported as AWS reports them:
 * `1 validation error detected: Value 'x' at 'keyId' failed to satisfy
 * constraint: Member must have length less than or equal to 2048`.
 * Field names are the request members in lower camel case.
 */
import { KmsError } from './kms-errors.js';

/** Collects constraint violations of one request, then throws them as one ValidationException. */
export class ConstraintChecker {
  readonly #violations: string[] = [];

  /** Records a violation when `value` is missing. Returns whether it is present. */
  required(field: string, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.#violations.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return false;
    }
    return true;
  }

  /** Checks the length in characters of an optional string. */
  stringLength(field: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined) {
      return;
    }
    if (value.length < min) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    } else if (value.length > max) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
  }

  /** Checks the length of an optional binary field. The value is never echoed because it may be secret. */
  byteLength(field: string, value: Uint8Array | undefined, min: number, max: number): void {
    if (value === undefined) {
      return;
    }
    if (value.length < min) {
      this.#violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    } else if (value.length > max) {
      this.#violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
  }

  integerRange(field: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) {
      return;
    }
    if (value < min) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    } else if (value > max) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    }
  }

  oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value)) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
  }

  /** Checks an optional string against a regular expression written as AWS documents it. */
  pattern(field: string, value: string | undefined, pattern: RegExp, documentedPattern: string): void {
    if (value !== undefined && !pattern.test(value)) {
      this.#violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${documentedPattern}`);
    }
  }

  listLength(field: string, value: readonly unknown[] | undefined, min: number, max: number): void {
    if (value === undefined) {
      return;
    }
    if (value.length < min) {
      this.#violations.push(`Value '[${value.join(', ')}]' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    } else if (value.length > max) {
      this.#violations.push(`Value '[${value.join(', ')}]' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
  }

  /** Throws one ValidationException listing every violation found so far. */
  throwIfInvalid(): void {
    const count = this.#violations.length;
    if (count === 0) {
      return;
    }
    const noun = count === 1 ? 'error' : 'errors';
    throw new KmsError('ValidationException', `${count} validation ${noun} detected: ${this.#violations.join('; ')}`);
  }
}
