import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { createCursorTable } from '../shared/ledger-cursor';
import { CATALOG_KINDS, currentColumns, historyColumns } from './catalog-rows';

const columnDefinitions = (spec: Record<string, string>, notNull: readonly string[]) =>
  sql.join(Object.entries(spec).map(([column, type]) => sql`${sql.id(column)} ${sql.raw(type)}${notNull.includes(column) ? sql` NOT NULL` : sql``}`));

/**
 * The catalog read model: per kind (metrics, sources, reports) the current
 * row, which other code reads (see the table contract in the README), and one
 * history row per stream version with the seq range it was current in.
 */
export async function createCatalogTables(db: SqlConnection, schema: string): Promise<void> {
  await createCursorTable(db, schema);
  for (const kind of Object.values(CATALOG_KINDS)) {
    const current = currentColumns(kind);
    await sql`
      CREATE TABLE ${sql.id(schema, kind.table)} (
        ${columnDefinitions(current, [kind.keyColumn, 'stream_version', 'position', 'last_position', 'registered_at', 'updated_at'])},
        PRIMARY KEY (${sql.id(kind.keyColumn)})
      )`.execute(db);
    const history = historyColumns(kind);
    await sql`
      CREATE TABLE ${sql.id(schema, kind.historyTable)} (
        ${columnDefinitions(history, [kind.keyColumn, 'stream_version', 'recorded_from', 'position', 'recorded_at'])},
        recorded int8range GENERATED ALWAYS AS (int8range(recorded_from, recorded_to)) STORED,
        PRIMARY KEY (${sql.id(kind.keyColumn)}, stream_version)
      )`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${kind.historyTable}_recorded`)} ON ${sql.id(schema, kind.historyTable)} USING gist (recorded)`.execute(db);
  }
}
