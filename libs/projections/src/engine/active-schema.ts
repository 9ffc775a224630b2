import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { DomainError } from '@factledger/shared';
import { activeVersion } from './registry.repository';
import { assertProjectionName, schemaName } from './projection-definition';

/**
 * How long another process may keep reading a version after a switch. The
 * switching process invalidates its own cache at once; retired schemas are
 * dropped only after a grace period longer than this.
 */
export const ACTIVE_SCHEMA_TTL_MS = 1000;

interface Entry {
  schema: string;
  expiresAt: number;
  generation: number;
}

// Per database handle, so one process may talk to several databases.
const caches = new WeakMap<object, Map<string, Entry>>();
// Switches are rare: any switch in this process forgets every cached entry.
let generation = 0;

/**
 * The schema readers should query for `name` (use with `db.withSchema`).
 * Throws `projection.not_ready` (unavailable) before a first version exists.
 */
export async function activeSchema(db: Kysely<EngineDb>, name: string, options: { ttlMs?: number } = {}): Promise<string> {
  const cached = caches.get(db)?.get(name);
  if (cached && cached.expiresAt > Date.now() && cached.generation === generation) return cached.schema;
  assertProjectionName(name);
  const readAt = generation;
  const version = await activeVersion(db, name);
  if (version === null) {
    throw new DomainError('projection.not_ready', 'unavailable', `Read model ${name} has no active version yet`, { projection: name });
  }
  return remember(db, name, version, options.ttlMs ?? ACTIVE_SCHEMA_TTL_MS, readAt);
}

/** Records a freshly read active version (waitForPosition does), so this process follows a switch at once. */
export function rememberActiveVersion(db: Kysely<EngineDb>, name: string, version: number): string {
  return remember(db, name, version, ACTIVE_SCHEMA_TTL_MS, generation);
}

/** Forgets every cached active schema in this process. */
export function invalidateActiveSchemas(): void {
  generation++;
}

function remember(db: Kysely<EngineDb>, name: string, version: number, ttlMs: number, readAt: number): string {
  const schema = schemaName(name, version);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  // A read that raced with an invalidation is still returned, but not cached.
  if (readAt === generation) cache.set(name, { schema, expiresAt: Date.now() + ttlMs, generation });
  return schema;
}
