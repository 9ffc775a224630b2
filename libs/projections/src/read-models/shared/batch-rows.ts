import { sql, type ColumnType as KyselyColumn, type RawBuilder } from 'kysely';
import type { SqlConnection } from '@factledger/platform';

/**
 * Read-model rows are plain objects: bigints, uuids, dates and timestamps as
 * strings (never through a JS number), amounts as numbers (stored as numeric,
 * exact: a double's shortest decimal form). One column spec drives both the
 * set-based writes (one statement for a whole batch) and the reads back into
 * the same shape.
 */
export type ColumnType = 'text' | 'uuid' | 'integer' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'text[]';
export type ColumnSpec<Row> = { readonly [K in keyof Row]: ColumnType };

/** What pg hands back for a column type (its default parsers: int8/numeric as strings, date/timestamptz as Date). */
type Read<T extends ColumnType> = T extends 'integer'
  ? number
  : T extends 'boolean'
    ? boolean
    : T extends 'text[]'
      ? string[]
      : T extends 'date' | 'timestamptz'
        ? Date
        : string;

/**
 * A read-model table as kysely sees it, derived from its row interface (the
 * write shape) and its column spec (declared `as const satisfies ColumnSpec<Row>`
 * so each column keeps its type): one description of the table.
 */
export type StoredTable<Row, Spec extends ColumnSpec<Row>> = {
  [K in keyof Row]: KyselyColumn<Read<Spec[K]> | (null extends Row[K] ? null : never), Row[K], Row[K]>;
};

const columnList = (columns: readonly string[]) => sql.join(columns.map((c) => sql.id(c)));

/**
 * A whole batch of rows as one relation: one array parameter per column,
 * `unnest`ed side by side (PostgreSQL parses typed arrays about twice as fast
 * as the same rows in jsonb). Array-valued columns travel as array literals
 * in a text[], since unnest would flatten a 2-D array.
 */
export function rowsAsRelation<Row extends object>(
  spec: ColumnSpec<Row>,
  rows: readonly Row[],
): { from: RawBuilder<unknown>; value(column: string): RawBuilder<unknown> } {
  const columns = Object.entries(spec) as [string, ColumnType][];
  const arrays = columns.map(([column, type]) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
    return type === 'text[]'
      ? sql`${values.map((v) => (v === null ? null : arrayLiteral(v as string[])))}::text[]`
      : sql`${values}::${sql.raw(type)}[]`;
  });
  return {
    from: sql`unnest(${sql.join(arrays)}) AS x(${columnList(columns.map(([c]) => c))})`,
    value: (column) => (spec[column as keyof Row] === 'text[]' ? sql`x.${sql.id(column)}::text[]` : sql`x.${sql.id(column)}`),
  };
}

/** A quoted identifier, for statement texts built as strings (COPY, prepared statements) where `sql.id` cannot go. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `{"a","b \"c\""}`: every element quoted, so any text round-trips. */
export const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** One INSERT for all rows; `onConflict` e.g. `ON CONFLICT DO NOTHING`. */
export async function insertRows<Row extends object>(
  db: SqlConnection,
  table: [schema: string, name: string],
  spec: ColumnSpec<Row>,
  rows: readonly Row[],
  onConflict: RawBuilder<unknown> = sql``,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(spec);
  const relation = rowsAsRelation(spec, rows);
  await sql`INSERT INTO ${sql.id(...table)} (${columnList(columns)}) SELECT ${sql.join(columns.map(relation.value))} FROM ${relation.from} ${onConflict}`.execute(
    db,
  );
}

/** One INSERT ... ON CONFLICT (key) DO UPDATE that overwrites every other column. */
export async function upsertRows<Row extends object>(
  db: SqlConnection,
  table: [schema: string, name: string],
  spec: ColumnSpec<Row>,
  key: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  const updates = Object.keys(spec)
    .filter((c) => !key.includes(c as keyof Row & string))
    .map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`);
  await insertRows(db, table, spec, rows, sql`ON CONFLICT (${columnList(key)}) DO UPDATE SET ${sql.join(updates)}`);
}

/** One UPDATE ... FROM the rows, matched on `key` (and `where`, on the table as `t`); sets every other column of the spec. */
export async function updateRows<Row extends object>(
  db: SqlConnection,
  table: [schema: string, name: string],
  spec: ColumnSpec<Row>,
  key: readonly (keyof Row & string)[],
  rows: readonly Row[],
  where: RawBuilder<unknown> = sql`true`,
): Promise<void> {
  if (rows.length === 0) return;
  const relation = rowsAsRelation(spec, rows);
  const sets = Object.keys(spec)
    .filter((c) => !key.includes(c as keyof Row & string))
    .map((c) => sql`${sql.id(c)} = ${relation.value(c)}`);
  const match = key.map((c) => sql`t.${sql.id(c)} = x.${sql.id(c)}`);
  await sql`UPDATE ${sql.id(...table)} AS t SET ${sql.join(sets)} FROM ${relation.from} WHERE ${sql.join(match, sql` AND `)} AND ${where}`.execute(
    db,
  );
}

/** The select list that reads columns back in the row shape the writes use. */
export function selectColumns<Row extends object>(spec: ColumnSpec<Row>, alias: string): RawBuilder<unknown> {
  return sql.join(
    Object.entries(spec).map(([column, type]) => {
      const ref = sql.ref(`${alias}.${column}`);
      const as = sql.id(column);
      switch (type as ColumnType) {
        case 'bigint':
        case 'uuid':
          return sql`${ref}::text AS ${as}`;
        case 'numeric':
          // Amounts were JS doubles written in their shortest form: float8 reads them back exactly.
          return sql`${ref}::float8 AS ${as}`;
        case 'date':
          return sql`to_char(${ref}, 'YYYY-MM-DD') AS ${as}`;
        case 'timestamptz':
          return sql`${isoTimestamp(ref)} AS ${as}`;
        default:
          return sql`${ref} AS ${as}`;
      }
    }),
  );
}

/** A timestamptz as the ISO string `Date.toISOString()` would give. */
export const isoTimestamp = (expression: RawBuilder<unknown> | ReturnType<typeof sql.ref>) =>
  sql`to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
