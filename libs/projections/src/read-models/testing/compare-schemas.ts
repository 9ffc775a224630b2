import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';

/** Rows in one schema's table and not the other's (unlogged caches left out, as the digest does) (either way, duplicates counted), per table. */
export async function schemaDifferences(db: SqlConnection, schema: string, other: string): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND c.relpersistence <> 'u' ORDER BY c.relname`.execute(db);
  const differences: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const a = sql.id(schema, table);
    const b = sql.id(other, table);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM ((SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})) diff`.execute(
      db,
    );
    differences[table] = rows[0]!.n;
  }
  return differences;
}

export async function rowCounts(db: SqlConnection, schema: string): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND c.relpersistence <> 'u' ORDER BY c.relname`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    counts[table] = (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM ${sql.id(schema, table)}`.execute(db)).rows[0]!.n;
  }
  return counts;
}
