import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '@factledger/database-schema';
import { catchUpDefinitions, dropCatchUp, runCatchUp } from '../fixtures/catch-up-run';
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
  const models = modelsArg.split(',');
  const definitions = catchUpDefinitions(`prof_${Date.now() % 100_000}`, models);
  const { rows } = await sql<{ position: string; n: string }>`SELECT max(position)::text AS position, count(*)::text AS n FROM events`.execute(db);
  const seconds = await runCatchUp(db, url, definitions, rows[0]!.position);
  console.log(`${models.join('+')}: ${rows[0]!.n} events in ${seconds.toFixed(1)} s = ${Math.round(Number(rows[0]!.n) / seconds)} events/s`);
  await dropCatchUp(db, definitions);
  await db.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
