import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '@factledger/database-schema';
import {
  catalogProjection,
  figuresProjection,
  ProjectionEngine,
  schemaName,
  waitForPosition,
  type ProjectionDefinition,
} from '@factledger/projections';
import { pg } from '../harness/root-pg';

/**
 * The catch-up bench case (factledger-catch-up.case.ts) once, outside the
 * harness, for a CPU profile or per-batch timings:
 *
 *   PROJECTOR_TIMING_FILE=/tmp/t.jsonl node --cpu-prof -r ./tools/register.cjs \
 *     bench/read-profile/profile-engine-catch-up.ts <ledger database url> [catalog,figures]
 *
 * The database must hold a ledger (a kept `<scratch>_ledger`, `npm run bench -- --keep`).
 */
async function main(): Promise<void> {
  const [url, modelsArg = 'catalog,figures'] = process.argv.slice(2);
  if (!url) throw new Error('usage: profile-engine-catch-up.ts <database url> [catalog,figures]');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const suffix = `prof_${Date.now() % 100_000}`;
  const models = modelsArg.split(',');
  const definitions: ProjectionDefinition[] = [];
  if (models.includes('catalog')) definitions.push(catalogProjection({ version: 1, name: `catalog_${suffix}` }));
  if (models.includes('figures')) definitions.push(figuresProjection({ version: 1, name: `figures_${suffix}` }));
  const { rows } = await sql<{ position: string; n: string }>`SELECT max(position)::text AS position, count(*)::text AS n FROM events`.execute(db);
  const head = rows[0]!.position;
  const silent = { log: () => undefined, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
  const engine = new ProjectionEngine({
    db,
    connectionString: url,
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
      db,
      definitions.map((d) => d.name),
      head,
      3_600_000,
    );
  } finally {
    await engine.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${models.join('+')}: ${rows[0]!.n} events in ${seconds.toFixed(1)} s = ${Math.round(Number(rows[0]!.n) / seconds)} events/s`);
  for (const d of definitions) {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schemaName(d.name, d.version)} CASCADE`).execute(db);
    await sql`DELETE FROM projection_registry WHERE name = ${d.name}`.execute(db);
    await sql`DELETE FROM projection_checkpoints WHERE name = ${d.name}`.execute(db);
  }
  await db.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
