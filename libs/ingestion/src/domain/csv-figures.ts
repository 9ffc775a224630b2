import { IngestionErrorCodes, ProblemList } from './payload-errors';
import { FIGURE_FIELDS } from './figure-line';
import { parseCsv } from './csv';
import type { IngestionPayload, StructuredFigureInput } from './ingestion.types';
import { INGESTION_LIMITS, parseReportMeta } from './ingestion-payload';

/**
 * The CSV form of a structured report: a header row, then one figure per row.
 *
 *     metric_key,source,qualifier,value,low,high,valid_at,valid_precision,stated_at,quote,method,scope_note,revises,reason,unit,quote_offset
 *
 * Columns may come in any order and be written camelCase (`validAt`) or
 * snake_case (`valid_at`), case-insensitively; `metric_key`, `source`,
 * `qualifier`, `valid_at` and `quote` are required, the rest optional. Empty
 * cells mean "not given". Numbers may use thousands separators ("1,500",
 * quoted); `revises` is true/false/yes/no/1/0.
 */
export const CSV_HEADER =
  'metric_key,source,qualifier,value,low,high,valid_at,valid_precision,stated_at,quote,method,scope_note,revises,reason,unit,quote_offset';

const REQUIRED = ['metricKey', 'source', 'qualifier', 'validAt', 'quote'];
const NUMERIC = new Set(['value', 'low', 'high', 'quoteOffset']);
const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

const headerKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[_\s-]/g, '');
const FIELD_BY_HEADER = new Map(FIGURE_FIELDS.map((f) => [headerKey(f), f as string]));

const convert = (field: string, raw: string): unknown => {
  const cell = raw.trim();
  if (NUMERIC.has(field) && NUMBER.test(cell)) return Number(cell.replace(/,/g, ''));
  if (field === 'revises' && cell.toLowerCase() in BOOLEANS) return BOOLEANS[cell.toLowerCase()];
  // Quotes stay verbatim; everything else is trimmed. A value that does not convert stays a string and the line is rejected for it.
  return field === 'quote' ? raw : cell;
};

/** Rows become structured figures; `lines` holds each figure's line for rejections. Throws `ingestion.invalid_csv` (422). */
export function csvToFigures(csv: string): { figures: StructuredFigureInput[]; lines: number[] } {
  const problems = new ProblemList();
  const [header, ...rows] = parseCsv(csv);
  if (!header) {
    problems.add('body', `must be CSV with a header row (${CSV_HEADER})`);
    problems.throwIfAny(IngestionErrorCodes.invalidCsv, 'The CSV is malformed');
  }
  const fields = header!.cells.map((name) => FIELD_BY_HEADER.get(headerKey(name)));
  header!.cells.forEach((name, i) => fields[i] === undefined && problems.add(`header "${name}"`, `is not a known column (${CSV_HEADER})`));
  const duplicates = fields.filter((f, i) => f !== undefined && fields.indexOf(f) !== i);
  for (const f of new Set(duplicates)) problems.add(`header "${f}"`, 'appears twice');
  for (const f of REQUIRED) if (!fields.includes(f)) problems.add(`header`, `is missing the required column ${f}`);
  if (rows.length === 0) problems.add('body', 'has no figure rows after the header');
  for (const row of rows) {
    if (row.cells.length !== fields.length) problems.add(`line ${row.line}`, `has ${row.cells.length} cells; the header has ${fields.length}`);
  }
  problems.throwIfAny(IngestionErrorCodes.invalidCsv, 'The CSV is malformed');

  const figures = rows.map((row) => {
    const figure: Record<string, unknown> = {};
    row.cells.forEach((cell, i) => {
      if (cell.trim() !== '') figure[fields[i]!] = convert(fields[i]!, cell);
    });
    return figure as unknown as StructuredFigureInput;
  });
  return { figures, lines: rows.map((r) => r.line) };
}

/**
 * `POST /v1/ingestions` with `content-type: text/csv`: the body is the CSV and
 * the report metadata comes as query parameters (`publisher`, `title`,
 * `publishedAt`, `language`, optional `url` and `reportId`).
 */
export function parseCsvSubmission(csv: string, query: Record<string, unknown>, today: string): { payload: IngestionPayload; lines: number[] } {
  const problems = new ProblemList();
  const report = parseReportMeta(query, today, problems);
  problems.throwIfAny();
  const { figures, lines } = csvToFigures(csv);
  if (figures.length > INGESTION_LIMITS.figuresMax) {
    problems.add('body', `must have at most ${INGESTION_LIMITS.figuresMax} figure rows`);
    problems.throwIfAny(IngestionErrorCodes.invalidCsv, 'The CSV is too long');
  }
  return { payload: { kind: 'structured', report, figures }, lines };
}
