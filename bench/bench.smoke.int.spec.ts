import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { allCases } from './cases';
import { createContext, SCALES } from './harness/context';
import { consoleTable, resultsMarkdown } from './harness/render';
import { runCases } from './harness/run-cases';
import { summarize } from './harness/summarize';
import { emmettInstalled } from './peers/emmett';

/**
 * Benchmarks are not part of the test command; this runs every case for a
 * few hundred events so the harness cannot rot. The Emmett cases run only
 * where bench/node_modules is installed (npm run bench installs it).
 */
describe('bench harness, smoke mode', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
  });
  afterAll(() => t.drop());

  it('runs every case in interleaved rounds and summarises well-formed numbers', async () => {
    // BENCH_SMOKE_LOG=1 prints the harness's steps, to see which case is slow.
    const log = process.env.BENCH_SMOKE_LOG ? (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`) : () => undefined;
    const ctx = createContext({ url: t.url, pool: t.pool, db: t.db, scale: SCALES.smoke, log });
    const cases = allCases().filter((c) => emmettInstalled() || !c.needsBenchDeps);
    try {
      const outcomes = await runCases(cases, ctx, { rounds: 3, budget: { seconds: 0.15, maxOps: 200 }, warmup: null, log });
      const rows = summarize(outcomes);

      expect(rows.filter((r) => r.status !== 'ok').map((r) => `${r.name}: ${r.note}`)).toEqual([]);
      for (const row of rows) {
        expect(row.rounds).toHaveLength(3);
        expect({ case: row.name, positive: row.rounds.every((rate) => rate > 0) }).toEqual({ case: row.name, positive: true });
        expect(row.rate!.min).toBeLessThanOrEqual(row.rate!.median);
        expect(row.rate!.median).toBeLessThanOrEqual(row.rate!.max);
        if (row.baseline) {
          expect(rows.map((r) => r.name)).toContain(row.baseline);
          expect(Number.isFinite(row.ratio!.median) && row.ratio!.median > 0).toBe(true);
        }
        if (row.target?.includes('≥')) expect(typeof row.met).toBe('boolean');
      }
      expect(consoleTable(rows).split('\n')).toHaveLength(rows.length + 2);
      expect(resultsMarkdown(rows)).toContain('| factledger.append-1.c8 |');
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
