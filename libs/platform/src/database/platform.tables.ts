import type { ColumnType, Generated, Kysely, QueryExecutorProvider } from 'kysely';

/** The ledger's identity: one row, made by its migration, never changed. */
export interface LedgerIdentityTable {
  singleton: ColumnType<true, never, never>;
  ledger_id: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
}

/** The API's idempotency keys (apps/api/src/idempotency): one row per (actor, key). */
export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
  claimed_at: Generated<Date>;
  claim_token: Generated<string>;
}

export interface PlatformTables {
  ledger_identity: LedgerIdentityTable;
  idempotency_keys: IdempotencyKeysTable;
}

/**
 * A connection for raw SQL that names none of our public tables through the
 * query builder: catalog functions, `SELECT 1`, settings, a read model's SQL
 * in its own schema. Any `Kysely<...>` or `Transaction<...>` is one (a typed
 * Kysely is not assignable to another schema's, so a table-less `Kysely<{}>`
 * would not do).
 */
export type SqlConnection = QueryExecutorProvider;

/** The tables of a database of none of ours (a replay's scratch database). */
export type NoTables = object;

/**
 * `db` seen as a slice of its schema, for a function typed by that slice:
 * `sliceOf(trx).as<EventStoreTables>()`. Kysely's types are invariant in the
 * schema, so a Kysely of a wider schema is not assignable to a narrower one;
 * this compiles only when `DB` has every table of `Slice`.
 */
export const sliceOf = <DB>(db: Kysely<DB>) => ({
  as: <Slice>(): DB extends Slice ? Kysely<Slice> : never => db as never,
});
