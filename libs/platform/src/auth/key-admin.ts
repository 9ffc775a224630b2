import { PostgresEventStore, type EventStoreTables } from '@factledger/event-store';
import type { Kysely } from 'kysely';
import { ApiKeys } from './api-keys.service';
import type { AuthTables } from './api-keys.repository';

/**
 * Key management by database access, as the CLI does it (and tests, through
 * libs/testing's createTestKey): the same ApiKeys and command path as
 * /v1/keys, appending directly (no group commit) and never caching.
 */
export function keyAdmin(db: Kysely<AuthTables & EventStoreTables>): ApiKeys {
  return new ApiKeys(db, new PostgresEventStore(db, undefined, { groupCommit: false }), 0);
}
