import type { CopyIn } from '../../engine';
import { arrayLiteral, quoteIdent, type ColumnSpec, type ColumnType } from './batch-rows';

/** COPY sends its rows in messages of about this many characters. */
const CHUNK_CHARS = 1 << 16;

/**
 * The same rows insertRows writes, loaded by `COPY … FROM STDIN` instead (a
 * bulk batch: the rows only need inserting, and COPY parses them several
 * times faster than an INSERT over unnested arrays). Text format: values as
 * the unnest path sends them, NULL as \N, backslash escapes. Hand-written on
 * purpose: PostgreSQL's text format is four escapes; CSV mode (csv-stringify)
 * would need quoted empty strings to keep '' apart from NULL, for no gain.
 */
export async function copyRows<Row extends object>(
  copy: CopyIn,
  table: [schema: string, name: string],
  spec: ColumnSpec<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(spec) as [keyof Row & string, ColumnType][];
  const statement = `COPY ${table.map(quoteIdent).join('.')} (${columns.map(([c]) => quoteIdent(c)).join(', ')}) FROM STDIN`;
  await copy(statement, copyText(rows, columns));
}

function* copyText<Row extends object>(rows: readonly Row[], columns: readonly [keyof Row & string, ColumnType][]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const [column, type] = columns[i]!;
      if (i > 0) line += '\t';
      line += copyField(row[column], type);
    }
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

function copyField(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return '\\N';
  if (type === 'text') return escapeCopy(String(value));
  if (type === 'text[]') return escapeCopy(arrayLiteral(value as string[]));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // Numbers, ids, dates and ISO times: the writers' own strings, never a tab, newline or backslash.
  return String(value);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeCopy = (text: string): string => (/[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text);
