import { sql } from 'kysely';
import type { BenchCase } from '../harness/bench-case';
import { catchUpDefinitions, dropCatchUp, runCatchUp } from '../fixtures/catch-up-run';
import { headPosition, ledgerDatabase, type LedgerFixture } from '../fixtures/ledger-database';

/**
 * A fresh worker catching up with the real read models (catalog + figures,
 * one engine, batches of 5,000 events as a rebuild uses) from the start of
 * the shared ledger to its head. A round is one whole catch-up, so the figure
 * is the rate over the real mix of events (the revisions, corroborations and
 * retractions come late in the log); `budget.seconds` does not cut it short.
 * Each round builds the models under fresh names, beside the live ones the
 * query cases read, and drops them afterwards.
 */
export function factledgerProjectionCatchUp(): BenchCase {
  let ledger: LedgerFixture;
  return {
    name: 'factledger.projection-catch-up',
    group: 'read the log from the start',
    title: 'ProjectionEngine (catalog + figures read models) from START to the head of the ledger',
    unit: 'events',
    baseline: 'baseline.paged-read',
    target: { minRatio: 0.3 },
    warmup: false,
    maxRounds: 3,
    async setup(ctx) {
      ledger = await ledgerDatabase(ctx);
    },
    async run(round) {
      const definitions = catchUpDefinitions(`bench_r${round}_${Date.now() % 100_000}`);
      const head = await headPosition(ledger.db);
      const seconds = await runCatchUp(ledger.db, ledger.url, definitions, head);
      const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM events WHERE position <= ${head}::bigint`.execute(ledger.db);
      await dropCatchUp(ledger.db, definitions);
      return { ops: Number(rows[0]!.n), seconds };
    },
    teardown: async () => undefined,
  };
}
