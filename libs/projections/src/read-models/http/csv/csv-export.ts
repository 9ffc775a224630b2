import { Readable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import type { Basis } from '../../query/basis';

/**
 * Spreadsheet exports of the reads (text/csv). RFC 4180 by csv-stringify: a
 * header row of stable snake_case names, CRLF line ends, a cell quoted when it
 * holds a comma, a quote or a line break (its quotes doubled), UTF-8.
 */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** A column: its stable name, how a row gives its value, and whether it is text (guarded) or a number/flag (never altered). */
export interface CsvColumn<T> {
  name: string;
  kind: 'text' | 'number' | 'boolean';
  of: (row: T) => string | number | boolean | null | undefined;
}

/**
 * CSV injection (OWASP): a text cell beginning with =, +, -, @, tab or
 * carriage return is read as a formula by spreadsheets, so it gets a leading
 * single quote, in the CSV only (JSON answers keep the text verbatim).
 * Numbers are never altered: a negative number is data, not a formula.
 */
export const guardCell = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const cellOf = <T>(column: CsvColumn<T>, row: T): string | number | null => {
  const value = column.of(row);
  if (value === null || value === undefined) return null;
  if (column.kind === 'boolean') return value ? 'true' : 'false';
  if (column.kind === 'number') return typeof value === 'number' ? value : String(value);
  return guardCell(String(value));
};

const options = <T>(columns: readonly CsvColumn<T>[]): Options => ({
  header: true,
  columns: columns.map((c) => c.name),
  record_delimiter: 'windows',
  // A lone CR or LF inside a cell is quoted too (RFC 4180: line breaks only inside quotes).
  quoted_match: /[\r\n]/,
  // Numbers as JavaScript prints them: 10000, 0.5, -3 (no locale, no exponent below 1e21).
  cast: { number: (n) => String(n) },
});

/** Rows streamed as CSV with backpressure: the source is pulled only as fast as the client reads. */
export function csvStream<T>(columns: readonly CsvColumn<T>[], rows: AsyncIterable<T> | Iterable<T>): Readable {
  const records = async function* () {
    for await (const row of rows) yield columns.map((c) => cellOf(c, row));
  };
  const source = Readable.from(records(), { objectMode: true });
  const csv = stringify(options(columns));
  source.once('error', (error) => csv.destroy(error));
  csv.once('close', () => source.destroy());
  return source.pipe(csv);
}

/** The basis of a CSV answer as response headers (Basis-Position, Basis-Valid-At, …): sent back as asOf/validAt it reproduces the file byte for byte. */
export function basisHeaders(basis: Basis): Record<string, string> {
  const headers: Record<string, string> = {
    'basis-position': basis.position,
    'basis-valid-at': basis.validAt,
    'basis-algorithm-version': String(basis.algorithmVersion),
  };
  if (basis.recordedAt !== null) headers['basis-recorded-at'] = basis.recordedAt;
  if (basis.excludeParties !== undefined) headers['basis-exclude-parties'] = String(basis.excludeParties);
  if (basis.includeUnverified !== undefined) headers['basis-include-unverified'] = String(basis.includeUnverified);
  return headers;
}

/** `format=csv`, or an Accept that names text/csv and not JSON; anything else is JSON. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  return types.includes('text/csv') && !types.includes('application/json');
}
