import type { SummaryRow } from './summarize';

const num = (n: number): string => (!Number.isFinite(n) ? '–' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
const ms = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (n: number): string => `${n.toFixed(2)}×`;

export const HEADER = ['case', 'median', 'spread (min–max)', 'p50 / p99 ms', 'baseline', 'ratio (min–max)', 'target', 'met', 'alongside (medians)'];

const notesText = (notes: Record<string, number> | undefined): string =>
  Object.entries(notes ?? {})
    .map(([name, value]) => `${name} ${name === 'hit rate' ? `${(value * 100).toFixed(1)}%` : num(value)}`)
    .join(', ');

/** One table row per case, as text cells in HEADER order. */
export function cells(row: SummaryRow): string[] {
  if (row.status !== 'ok') return [row.name, row.status, row.note ?? '', '', row.baseline ?? '', '', row.target ?? '', '', ''];
  const r = row.value ?? row.rate!;
  return [
    row.name,
    row.value ? `${num(r.median)} ${row.valueUnit}` : `${num(r.median)} ${row.unit}/s`,
    `${num(r.min)}–${num(r.max)} (±${(((r.max - r.min) / 2 / r.median) * 100).toFixed(0)}%)`,
    row.p50Ms === undefined ? '' : `${ms(row.p50Ms)} / ${ms(row.p99Ms)}`,
    row.baseline ?? '',
    row.ratio ? `${ratio(row.ratio.median)} (${ratio(row.ratio.min)}–${ratio(row.ratio.max)})` : '',
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
    notesText(row.notes),
  ];
}

/** Rows grouped by `group` in first-seen order, so each factledger case sits beside its baseline and peer. */
export function grouped(rows: readonly SummaryRow[]): SummaryRow[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  return groups.flatMap((g) => rows.filter((r) => r.group === g));
}

export function consoleTable(rows: readonly SummaryRow[]): string {
  const table = [HEADER, ...grouped(rows).map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

const escapeCell = (c: string) => c.replace(/\|/g, '\\|');

export function markdownTable(header: readonly string[], body: readonly string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.map(escapeCell).join(' | ')} |`)].join(
    '\n',
  );
}

export const resultsMarkdown = (rows: readonly SummaryRow[]): string => markdownTable(HEADER, grouped(rows).map(cells));

/** Every round's ops/s (or value, e.g. MB), for readers who want more than median and range. */
export function roundsMarkdown(rows: readonly SummaryRow[]): string {
  const n = Math.max(0, ...rows.map((r) => r.rounds.length));
  const header = ['case', ...Array.from({ length: n }, (_, i) => `round ${i + 1}`)];
  return markdownTable(
    header,
    grouped(rows)
      .filter((r) => r.status === 'ok')
      .map((r) => [r.name, ...Array.from({ length: n }, (_, i) => (r.rounds[i] === undefined ? '' : num(r.rounds[i]!)))]),
  );
}
