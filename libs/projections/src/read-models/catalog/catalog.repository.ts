import { sql } from 'kysely';
import type { Snapshot } from '../query/read-snapshot';
import { selectColumns, type ColumnSpec } from '../shared/batch-rows';
import { CATALOG_PROJECTION } from './catalog.projection';
import type { AnyCatalogKind } from './catalog-rows';

type Row = Record<string, unknown>;

/** A catalog entity as the ledger held it at the basis. */
export interface CatalogEntry {
  fields: Row;
  streamVersion: number;
  /** The event that made this version of the entry. */
  lastPosition: string;
  updatedAt: string;
}

/**
 * At the head the current table answers; before it, the history row whose
 * seq range holds the basis. Both give the same entry at the same basis.
 */
function source(s: Snapshot, kind: AnyCatalogKind) {
  const schema = s.schema(CATALOG_PROJECTION);
  const columns = selectColumns(kind.columns as ColumnSpec<Row>, 'e');
  return s.atHead(CATALOG_PROJECTION)
    ? sql`SELECT ${columns}, e.stream_version, e.last_position::text AS last_position, e.updated_at FROM ${sql.id(schema, kind.table)} e WHERE true`
    : sql`SELECT ${columns}, e.stream_version, e.position::text AS last_position, e.recorded_at AS updated_at
            FROM ${sql.id(schema, kind.historyTable)} e WHERE e.recorded @> ${s.seq}::bigint`;
}

const toEntry = (row: Row): CatalogEntry => {
  const { stream_version, last_position, updated_at, ...fields } = row;
  return { fields, streamVersion: Number(stream_version), lastPosition: String(last_position), updatedAt: (updated_at as Date).toISOString() };
};

export async function catalogEntryAt(s: Snapshot, kind: AnyCatalogKind, key: string): Promise<CatalogEntry | null> {
  const { rows } = await sql<Row>`${source(s, kind)} AND ${sql.ref(`e.${kind.keyColumn}`)} = ${key}`.execute(s.trx);
  return rows[0] ? toEntry(rows[0]) : null;
}

/** Entries in key order, keyset-paged; reads limit + 1 rows. */
export async function catalogEntriesAt(s: Snapshot, kind: AnyCatalogKind, options: { after: string | null; limit: number }): Promise<CatalogEntry[]> {
  const key = sql.ref(`e.${kind.keyColumn}`);
  const { rows } = await sql<Row>`
    ${source(s, kind)} ${options.after === null ? sql`` : sql`AND ${key} > ${options.after}`}
     ORDER BY ${key} LIMIT ${options.limit + 1}`.execute(s.trx);
  return rows.map(toEntry);
}

/** The entries with these keys (those registered at the basis), in key order. */
export async function catalogEntriesKeyedAt(s: Snapshot, kind: AnyCatalogKind, keys: readonly string[]): Promise<CatalogEntry[]> {
  if (keys.length === 0) return [];
  const key = sql.ref(`e.${kind.keyColumn}`);
  const { rows } = await sql<Row>`${source(s, kind)} AND ${key} = ANY (${[...new Set(keys)]}::text[]) ORDER BY ${key}`.execute(s.trx);
  return rows.map(toEntry);
}
