/**
 * What a key may do. A key holds one or more roles; a route names the roles
 * any one of which admits a caller (no role implies another: an admin key
 * that should also report figures holds `reporter` too).
 */
export const ROLES = ['reader', 'reporter', 'editor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Key ids: 16 lowercase hex digits (64 random bits), public, and what events name as their actor. */
export const KEY_ID = /^[0-9a-f]{16}$/;

/**
 * Principals that are not keys: `system:seed` (the seed command, writing
 * through the command bus by database access) and `system:cli` (an operator
 * managing keys with `npm run cli -- keys`, also by database access).
 */
export const SYSTEM_PRINCIPALS = { seed: 'system:seed', cli: 'system:cli' } as const;
