/**
 * @module Authorization of the operations that AWS governs with IAM policies
 * alone, because they act on an account rather than on one key: CreateKey,
 * ListKeys, ListAliases, and the alias half of CreateAlias.
 */
import type { Principal } from '../../identity/principals.js';

/**
 * Allows `action` for every principal, which acts in its own account only.
 * TODO: evaluate the caller's IAM policies here once IAM policies exist; until
 * then no user of an account can be kept from these operations.
 */
export function authorizeAccountAction(_caller: Principal, _action: string): void {}
