import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  catalogProjection,
  figuresProjection,
  ProjectionEngine,
  schemaName,
  waitForPosition,
  type ProjectionDefinition,
} from '@factledger/projections';
import type { BenchCase } from '../harness/bench-case';
import { headPosition, ledgerDatabase, type LedgerFixture } from '../fixtures/ledger-database';

const silent = { log: () => undefined, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

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
      const suffix = `bench_r${round}_${Date.now() % 100_000}`;
      const definitions: ProjectionDefinition[] = [
        catalogProjection({ version: 1, name: `catalog_${suffix}` }),
        figuresProjection({ version: 1, name: `figures_${suffix}` }),
      ];
      const head = await headPosition(ledger.db);
      const engine = new ProjectionEngine({
        db: ledger.db,
        connectionString: ledger.url,
        definitions,
        batchSize: 5000,
        logger: silent,
        notifications: false,
        pollIntervalMs: 200,
      });
      const started = performance.now();
      try {
        await engine.start();
        await waitForPosition(
          ledger.db,
          definitions.map((d) => d.name),
          head,
          3_600_000,
        );
      } finally {
        await engine.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM events WHERE position <= ${head}::bigint`.execute(ledger.db);
      await dropProjections(ledger, definitions);
      return { ops: Number(rows[0]!.n), seconds };
    },
    teardown: async () => undefined,
  };
}

async function dropProjections(ledger: LedgerFixture, definitions: readonly ProjectionDefinition[]): Promise<void> {
  for (const d of definitions) {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schemaName(d.name, d.version)} CASCADE`).execute(ledger.db);
    await sql`DELETE FROM projection_registry WHERE name = ${d.name}`.execute(ledger.db);
    await sql`DELETE FROM projection_checkpoints WHERE name = ${d.name}`.execute(ledger.db);
  }
}
