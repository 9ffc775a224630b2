import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedFigure } from '../lib/types';

// The corpus scorer's matching, for specs and tools over the generality set: same numbers (within 0.5%),
// overlapping quotes; then qualifier, source (half the words of the shorter name) and date compared.

export interface GoldRecord {
  id: string;
  doc: string;
  value: number | null;
  low: number | null;
  high: number | null;
  qualifier: string;
  source: string;
  source_entities?: string[];
  source_alternatives?: string[];
  as_of: string | null;
  date_precision: string;
  quote: string;
  other_mentions?: string[];
  optional: boolean;
}

type Span = [number, number];

export const GENERALITY_DIR = join(__dirname, 'generality');
/** Articles kept apart and unfixed: their score is the honest estimate on unseen text. */
export const HELD_OUT_DIR = join(__dirname, 'held-out');
export const loadGold = (dir = GENERALITY_DIR): GoldRecord[] => JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')).records;
export const readDoc = (doc: string, dir = GENERALITY_DIR): string => readFileSync(join(dir, doc), 'utf8');

const numbersOf = (f: { value?: number | null; low?: number | null; high?: number | null }): number[] =>
  [f.value, f.low, f.high].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1e-9, 0.005 * Math.abs(b));
const numbersMatch = (p: ExtractedFigure, g: GoldRecord): boolean => {
  const [pn, gn] = [numbersOf(p), numbersOf(g)];
  return pn.length > 0 && gn.length > 0 && gn.every((x) => pn.some((y) => close(y, x)));
};

const spans = (text: string, quote: string): Span[] => {
  const out: Span[] = [];
  for (let i = quote ? text.indexOf(quote) : -1; i >= 0; i = text.indexOf(quote, i + 1)) out.push([i, i + quote.length]);
  return out;
};
const overlaps = (a: Span[], b: Span[]): boolean => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

const IGNORED_WORDS = new Set(['the', 'and', 'of', 'service', 'services', 'citing', 'according']);
const words = (s: string): Set<string> =>
  new Set(
    s
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2 && !IGNORED_WORDS.has(w)),
  );
export const sourceMatch = (p: ExtractedFigure, g: GoldRecord): boolean => {
  const pw = words(p.source);
  return [g.source, ...(g.source_entities ?? []), ...(g.source_alternatives ?? [])].some((c) => {
    const cw = words(c);
    if (!pw.size || !cw.size) return false;
    return [...pw].filter((w) => cw.has(w)).length / Math.min(pw.size, cw.size) >= 0.5;
  });
};
export const dateMatch = (p: ExtractedFigure, g: GoldRecord): boolean | null => {
  if (!g.as_of) return null;
  const n = g.date_precision === 'month' ? 7 : 10;
  return p.as_of !== null && p.as_of.slice(0, n) === g.as_of.slice(0, n);
};

/** Pairs each prediction (in order) with the first unused gold record of the document it matches, as the scorer does. */
export const matchPredictions = (text: string, predictions: ExtractedFigure[], records: GoldRecord[]): (GoldRecord | undefined)[] => {
  const withSpans = records.map((r) => ({ r, sp: [r.quote, ...(r.other_mentions ?? [])].flatMap((q) => spans(text, q)) }));
  const used = new Set<string>();
  return predictions.map((p) => {
    const psp = spans(text, p.quote);
    const hit = withSpans.find(({ r, sp }) => !used.has(r.id) && numbersMatch(p, r) && overlaps(psp, sp));
    if (hit) used.add(hit.r.id);
    return hit?.r;
  });
};
