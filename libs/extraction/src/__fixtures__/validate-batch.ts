import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Checks a new held-out batch an annotator wrote (ANNOTATING.md) before it is
 * scored: the gold file's shape, each record's fields, and every quote and
 * repeat verbatim where it says it is. Prints each problem, or "ok".
 *
 *   node -r ./tools/register.cjs libs/extraction/src/__fixtures__/validate-batch.ts <batch folder> [min records per text]
 */
const QUALIFIERS = ['exact', 'approximately', 'up_to', 'at_least', 'more_than', 'range'] as const;
const PRECISIONS = ['day', 'month', 'quarter', 'year', 'unknown'];
const FIELDS = ['id', 'doc', 'metric', 'value', 'low', 'high', 'qualifier', 'unit', 'source', 'source_entities', 'source_alternatives'];
const MORE_FIELDS = ['as_of', 'date_precision', 'as_of_text', 'quote', 'quote_offset', 'number_text', 'other_mentions', 'optional'];

type GoldRecord = Record<string, unknown>;

export function batchProblems(folder: string, minPerText = 10): string[] {
  const problems: string[] = [];
  const texts = new Map(
    readdirSync(folder)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [f, readFileSync(path.join(folder, f), 'utf8')]),
  );
  let gold: { version?: unknown; note?: unknown; records?: GoldRecord[] };
  try {
    gold = JSON.parse(readFileSync(path.join(folder, 'gold.json'), 'utf8')) as typeof gold;
  } catch (e) {
    return [`gold.json: ${(e as Error).message}`];
  }
  if (gold.version !== 1) problems.push('gold.json: version must be 1');
  if (typeof gold.note !== 'string' || gold.note.length < 40) problems.push('gold.json: note must say who wrote the batch, how, and each text’s style and traps');
  const records = Array.isArray(gold.records) ? gold.records : [];
  const ids = new Set<string>();
  for (const r of records) {
    const at = `${String(r.id)}`;
    for (const field of [...FIELDS, ...MORE_FIELDS]) if (!(field in r)) problems.push(`${at}: no ${field}`);
    if (ids.has(at)) problems.push(`${at}: id used twice`);
    ids.add(at);
    const text = texts.get(String(r.doc));
    if (text === undefined) {
      problems.push(`${at}: doc ${String(r.doc)} is not a .txt of the batch`);
      continue;
    }
    problems.push(...recordProblems(at, r, text));
  }
  for (const r of records) if (r.is_revision_of != null && !ids.has(String(r.is_revision_of))) problems.push(`${String(r.id)}: is_revision_of names no record`);
  for (const doc of texts.keys()) {
    const n = records.filter((r) => r.doc === doc && r.optional !== true).length;
    if (n < minPerText) problems.push(`${doc}: ${n} required records, fewer than ${minPerText}`);
  }
  return problems;
}

function recordProblems(at: string, r: GoldRecord, text: string): string[] {
  const problems: string[] = [];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const quote = String(r.quote ?? '');
  if (text.slice(Number(r.quote_offset), Number(r.quote_offset) + quote.length) !== quote)
    problems.push(`${at}: quote is not at quote_offset ${String(r.quote_offset)} (first at ${text.indexOf(quote)})`);
  if (!quote.includes(String(r.number_text ?? '\u0000'))) problems.push(`${at}: number_text is not inside the quote`);
  const q = r.qualifier as (typeof QUALIFIERS)[number];
  if (!QUALIFIERS.includes(q)) problems.push(`${at}: qualifier ${String(q)} is none of ${QUALIFIERS.join(', ')}`);
  const shape = { value: ['exact', 'approximately'], high: ['up_to', 'range'], low: ['at_least', 'more_than', 'range'] } as const;
  for (const [field, qualifiers] of Object.entries(shape) as [keyof typeof shape, readonly string[]][]) {
    const wanted = qualifiers.includes(q);
    if (wanted && !num(r[field])) problems.push(`${at}: ${q} needs a number in ${field}`);
    if (!wanted && r[field] !== null) problems.push(`${at}: ${q} leaves ${field} null`);
  }
  if (typeof r.unit !== 'string' || r.unit === '') problems.push(`${at}: unit is empty`);
  if (typeof r.metric !== 'string' || !/^[a-z0-9_]+$/.test(r.metric)) problems.push(`${at}: metric must be snake_case`);
  if (typeof r.source !== 'string' || r.source === '') problems.push(`${at}: source is empty ('article' when nobody is named)`);
  for (const list of ['source_entities', 'source_alternatives', 'other_mentions'])
    if (!Array.isArray(r[list])) problems.push(`${at}: ${list} must be a list`);
  for (const mention of (r.other_mentions as unknown[]) ?? []) if (!text.includes(String(mention))) problems.push(`${at}: other mention not verbatim: ${String(mention)}`);
  if (r.as_of !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(r.as_of))) problems.push(`${at}: as_of must be YYYY-MM-DD or null`);
  if (!PRECISIONS.includes(String(r.date_precision))) problems.push(`${at}: date_precision is none of ${PRECISIONS.join(', ')}`);
  if (typeof r.optional !== 'boolean') problems.push(`${at}: optional must be true or false`);
  if (!/^g\d+-\d{2,}$/.test(at)) problems.push(`${at}: id must read g<doc number>-<nn>`);
  return problems;
}

if (require.main === module) {
  const [folder, min] = process.argv.slice(2);
  if (!folder) throw new Error('usage: validate-batch.ts <batch folder> [min records per text]');
  const problems = batchProblems(folder, min === undefined ? 10 : Number(min));
  process.stdout.write(`${problems.length === 0 ? 'ok' : problems.join('\n')}\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
