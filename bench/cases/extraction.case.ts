import { extractFigures } from '@factledger/extraction';
import type { BenchCase } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { prose, runOn } from '../fixtures/article-prose';

const KB = 1024;
const MB = 1024 * KB;
type Kind = 'prose' | 'run-on';
const label = (bytes: number) => (bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`);

/**
 * Issue 14: extraction near-linear in the text's length. One extraction per
 * step of an article generated once (bench/fixtures/article-prose.ts, our own
 * made-up sentences), measured in characters per second on this process's
 * event loop (the worker runs the same code in a thread). No database.
 * Ratios, same run: 1 MB of run-on text (no sentence break) at least half
 * the rate of 1 MB of prose (it costs at most 2×), and 1 MB at least
 * 10.24/12 the rate of 100 KB (1 MB costs at most 12× 100 KB).
 */
export function extractionCase(
  kind: Kind,
  bytes: number,
  options: { name?: string; group: string; baseline?: string; minRatio?: number; note?: string },
): BenchCase {
  let text = '';
  return {
    name: options.name ?? `extraction.${kind}-${label(bytes).replace(' ', '').toLowerCase()}`,
    group: options.group,
    title: `extract figures from ${label(bytes)} of ${kind === 'prose' ? 'ordinary prose' : 'run-on text (one paragraph, no sentence break)'}`,
    unit: 'chars',
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.minRatio ? { target: { minRatio: options.minRatio, ...(options.note ? { note: options.note } : {}) } } : {}),
    async setup() {
      text = (kind === 'prose' ? prose : runOn)(bytes);
    },
    run(_round, budget) {
      return loadLoop(1, budget, async () => {
        extractFigures(text, { publishedAt: '2026-03-12' });
        return text.length;
      });
    },
    teardown: async () => undefined,
  };
}

export const extractionCases = (): BenchCase[] => [
  extractionCase('prose', MB, { group: 'extraction, 1 MB: run-on vs prose' }),
  extractionCase('run-on', MB, {
    group: 'extraction, 1 MB: run-on vs prose',
    baseline: 'extraction.prose-1mb',
    minRatio: 0.5,
    note: 'run-on costs ≤ 2× prose',
  }),
  extractionCase('run-on', 100 * KB, { group: 'extraction, run-on: 1 MB vs 100 KB' }),
  extractionCase('run-on', MB, {
    name: 'extraction.run-on-1mb.vs-100kb',
    group: 'extraction, run-on: 1 MB vs 100 KB',
    baseline: 'extraction.run-on-100kb',
    minRatio: Math.round((10.24 / 12) * 1000) / 1000,
    note: '1 MB costs ≤ 12× 100 KB',
  }),
];
