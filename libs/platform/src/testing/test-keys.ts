import type { EventStoreTables } from '@factledger/event-store';
import { keyAdmin } from '../auth/key-admin';
import type { AuthTables } from '../auth/api-keys.repository';
import type { IssuedKey } from '../auth/api-keys.service';
import { ROLES, SYSTEM_PRINCIPALS, type Role } from '../domain/principal';
import type { Kysely } from 'kysely';

// Here rather than in libs/testing, which event-store's own specs use: testing -> platform would be a cycle.

/**
 * An API key on a test database, issued the way `npm run cli -- keys create`
 * does (keyAdmin: the command path, then the key table). Default: every role.
 */
export async function createTestKey(
  db: Kysely<AuthTables & EventStoreTables>,
  roles: readonly Role[] = ROLES,
  options: { name?: string; expiresAt?: string | null } = {},
): Promise<IssuedKey> {
  return keyAdmin(db).issue(
    { name: options.name ?? `test key (${roles.join(', ')})`, roles, expiresAt: options.expiresAt ?? null },
    { actor: SYSTEM_PRINCIPALS.cli, reason: 'test key' },
  );
}

export const bearer = (key: { token: string }): Record<string, string> => ({ authorization: `Bearer ${key.token}` });

/**
 * Request headers with the harness's key unless the test chose: an
 * `authorization` header of its own is kept, and an empty one means anonymous.
 */
export function withKey(headers: Record<string, string>, token: string | null): Record<string, string> {
  if (!('authorization' in headers)) return token ? { ...headers, authorization: `Bearer ${token}` } : headers;
  const { authorization, ...rest } = headers;
  return authorization === '' ? rest : headers;
}
