import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';

/** Names the row encoding and the way rows and tables are combined; bump it when either changes. */
export const READ_MODEL_DIGEST_ALGORITHM = 'factledger-rm-digest-v1';

export interface TableDigest {
  /** Table name inside the read model's schema. */
  name: string;
  rows: number;
  /** SHA-256 (hex) over the table's row hashes in ascending byte order. */
  digest: string;
}

export interface SchemaDigest {
  algorithm: typeof READ_MODEL_DIGEST_ALGORITHM;
  /** SHA-256 (hex) over the algorithm and every table's name, row count and digest, tables in name order. */
  digest: string;
  tables: TableDigest[];
}

/**
 * A read model's content, independent of its schema name, physical row
 * order, indexes and the database it lives in, so a live version, a rebuilt
 * generation and a replay elsewhere hash alike exactly when they hold the
 * same rows.
 *
 * Row hash: SHA-256 of the row's `to_jsonb` text (column names as keys,
 * jsonb's deterministic key order), without generated columns (pure functions
 * of other columns). Every other column is kept: all of them, `log`, `cursor`
 * and the bookkeeping columns included, derive from the events alone;
 * unlogged tables are left out: they hold caches that also depend on the
 * clock and on batch boundaries (the figures model's head estimates), and a
 * crash empties them. Rows
 * are ordered by their hash, not by a key: it needs no primary key
 * (`citations` has none), keeps duplicates, and is collation-free (two
 * databases may sort text differently).
 *
 * Runs inside the caller's transaction (REPEATABLE READ for a consistent
 * model); pins the output settings jsonb depends on for this transaction.
 */
export async function digestSchema(trx: SqlConnection, schema: string): Promise<SchemaDigest> {
  await pinOutputSettings(trx);
  const tables: TableDigest[] = [];
  for (const table of await schemaTables(trx, schema)) {
    const { rows } = await sql<{ rows: string; digest: string }>`
      SELECT count(*)::text AS rows, encode(sha256(coalesce(string_agg(h, ''::bytea ORDER BY h), ''::bytea)), 'hex') AS digest
        FROM (SELECT ${rowHash(table)} AS h FROM ${sql.id(schema, table.name)} t) x`.execute(trx);
    tables.push({ name: table.name, rows: Number(rows[0]!.rows), digest: rows[0]!.digest });
  }
  return { algorithm: READ_MODEL_DIGEST_ALGORITHM, digest: combineTableDigests(tables), tables };
}

/** One row of a table as the digest sees it: its hash, its primary key (absent without one) and the row itself. */
export interface HashedRow {
  hash: string;
  key: Record<string, unknown> | null;
  row: Record<string, unknown>;
}

/**
 * A table's rows in digest order (by row hash), after `afterHash` (null when
 * there is no such table): lets two
 * sides that disagree on a table find the rows they disagree on. Each page
 * hashes the whole table, so walk only tables of modest size.
 */
export async function hashedRows(
  trx: SqlConnection,
  schema: string,
  table: string,
  afterHash: string | null,
  limit: number,
): Promise<HashedRow[] | null> {
  await pinOutputSettings(trx);
  const found = (await schemaTables(trx, schema)).find((t) => t.name === table);
  if (!found) return null;
  const { rows } = await sql<HashedRow>`
    SELECT encode(h, 'hex') AS hash, row, CASE WHEN cardinality(${found.key}::text[]) = 0 THEN NULL
                                              ELSE (SELECT jsonb_object_agg(k, row -> k) FROM unnest(${found.key}::text[]) k) END AS key
      FROM (SELECT ${rowHash(found)} AS h, ${rowJson(found)} AS row FROM ${sql.id(schema, found.name)} t) x
     WHERE ${afterHash}::text IS NULL OR h > decode(${afterHash}, 'hex')
     ORDER BY h LIMIT ${limit}`.execute(trx);
  return rows;
}

const rowJson = (table: { generated: string[] }) => sql`(to_jsonb(t) - ${table.generated}::text[])`;
const rowHash = (table: { generated: string[] }) => sql`sha256(convert_to(${rowJson(table)}::text, 'UTF8'))`;

/** jsonb renders timestamps in the session's time zone and ranges of dates by DateStyle: fix both for this transaction. */
async function pinOutputSettings(trx: SqlConnection): Promise<void> {
  await sql`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('IntervalStyle', 'postgres', true)`.execute(
    trx,
  );
}

/** The model digest from its table digests (sorted here, so callers cannot get the order wrong). */
export function combineTableDigests(tables: readonly TableDigest[]): string {
  const hash = createHash('sha256').update(`${READ_MODEL_DIGEST_ALGORITHM}\n`);
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) hash.update(`${t.name}\t${t.rows}\t${t.digest}\n`);
  return hash.digest('hex');
}

interface TableShape {
  name: string;
  /** Generated columns, left out of the row. */
  generated: string[];
  /** Primary key columns, in key order (none for a table without one). */
  key: string[];
}

async function schemaTables(db: SqlConnection, schema: string): Promise<TableShape[]> {
  const { rows } = await sql<TableShape>`
    SELECT c.relname AS name,
           coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated <> ''), '{}') AS generated,
           coalesce((SELECT array_agg(k.attname::text ORDER BY array_position(i.indkey::int2[], k.attnum))
                       FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = ANY (i.indkey::int2[])
                      WHERE i.indrelid = c.oid AND i.indisprimary), '{}') AS key
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND c.relpersistence <> 'u'
     GROUP BY c.oid, c.relname`.execute(db);
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
