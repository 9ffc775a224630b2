import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import type { BenchCase } from './bench-case';
import { createContext, SCALES } from './context';
import { consoleTable, resultsMarkdown } from './render';
import { runCases } from './run-cases';
import { summarize } from './summarize';
import { emmettInstalled } from '../peers/emmett';
import { ensureBuilt } from './built';

/**
 * Benchmarks are not part of the test command; a smoke suite runs its cases
 * for a few hundred events so the harness and the cases cannot rot. Cases
 * needing bench/node_modules (Emmett, autocannon) run only where it is
 * installed (npm run bench installs it). Split in two spec files so jest runs
 * the write side and the read side (child processes, a ledger database) side by side.
 */
export function smokeSuite(title: string, cases: () => BenchCase[], expectedRow: string): void {
  describe(`bench harness, smoke mode: ${title}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      // The memory and lag cases run compiled children; `npm test` has built dist/ already, a lone run builds it here.
      ensureBuilt();
      t = await createTestDatabase({ poolSize: 10 });
    }, 180_000);
    afterAll(() => t.drop());

    it('runs every case in interleaved rounds and summarises well-formed numbers', async () => {
      // BENCH_SMOKE_LOG=1 prints the harness's steps, to see which case is slow.
      const log = process.env.BENCH_SMOKE_LOG ? (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`) : () => undefined;
      // The harness makes databases of its own (an administrator's job); the cases' appends go through the app role's pool.
      const ctx = createContext({ url: t.adminUrl, pool: t.pool, db: t.db, scale: SCALES.smoke, log });
      const selected = cases().filter((c) => emmettInstalled() || !c.needsBenchDeps);
      try {
        const outcomes = await runCases(selected, ctx, { rounds: 3, budget: { seconds: 0.15, maxOps: 200 }, warmup: null, log });
        const rows = summarize(outcomes);

        expect(rows.filter((r) => r.status !== 'ok').map((r) => `${r.name}: ${r.note}`)).toEqual([]);
        for (const row of rows) {
          expect(row.rounds).toHaveLength(3);
          expect({ case: row.name, positive: row.rounds.every((value) => value > 0) }).toEqual({ case: row.name, positive: true });
          const headline = row.value ?? row.rate!;
          expect(headline.min).toBeLessThanOrEqual(headline.median);
          expect(headline.median).toBeLessThanOrEqual(headline.max);
          if (row.baseline) {
            expect(rows.map((r) => r.name)).toContain(row.baseline);
            expect(Number.isFinite(row.ratio!.median) && row.ratio!.median > 0).toBe(true);
          }
          if (row.target?.includes('≥') || row.target?.includes('≤')) expect(typeof row.met).toBe('boolean');
        }
        expect(consoleTable(rows).split('\n')).toHaveLength(rows.length + 2);
        expect(resultsMarkdown(rows)).toContain(`| ${expectedRow} |`);
      } finally {
        await ctx.close();
      }
    }, 180_000);
  });
}
