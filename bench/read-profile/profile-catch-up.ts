import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { Kysely, PostgresDialect, sql, type LogEvent, type PostgresPoolClient } from 'kysely';
import type { Database } from '@factledger/database-schema';
import { readAllAfter, START, upcastEvents, type Checkpoint } from '@factledger/event-store';
import { catalogProjection, figuresProjection, schemaName, type ProjectionDefinition } from '@factledger/projections';
import { pg } from '../harness/root-pg';

/**
 * Where a read model's catch-up spends its time: applies `figures` (or
 * `catalog`) batch by batch as the runner does, minus the fencing, and sums
 * the duration of each statement shape and the Node time between them.
 *
 *   node -r ./tools/register.cjs bench/read-profile/profile-catch-up.ts <database url> [figures|catalog] [batch] [max events] [copy]
 *
 * `copy`: as a bulk batch applies (ProjectionContext.copy), on one connection.
 *
 * The database must hold a ledger (fixtures/million-events.ts, KEEP=1 LOAD_ONLY=1).
 */
async function main(): Promise<void> {
  const [url, model = 'figures', batchArg = '5000', maxArg, copyArg] = process.argv.slice(2);
  if (!url) throw new Error('usage: profile-catch-up.ts <database url> [figures|catalog] [batch] [max events]');
  const batch = Number(batchArg);
  const max = maxArg ? Number(maxArg) : Number.MAX_SAFE_INTEGER;
  const totals = new Map<string, { ms: number; n: number }>();
  const shape = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/"rm_[a-z0-9_]+"\./g, '')
      .slice(0, 90);
  // One connection (max 1), so COPY runs inside the batch's transaction.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = copyArg === 'copy' ? await pool.connect() : null;
  const copy = client
    ? async (statement: string, data: Iterable<string>) => {
        const t0 = performance.now();
        await pipeline(Readable.from(data), client.query(copyFrom(statement)));
        const key = statement.replace(/"rm_[a-z0-9_]+"\./g, '').slice(0, 40);
        const t = totals.get(key) ?? { ms: 0, n: 0 };
        t.ms += performance.now() - t0;
        t.n += 1;
        totals.set(key, t);
      }
    : undefined;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: client
        ? {
            connect: async () => ({ query: client.query.bind(client), release: () => undefined }) as unknown as PostgresPoolClient,
            end: async () => undefined,
          }
        : pool,
    }),
    log: (e: LogEvent) => {
      const key = shape(e.query.sql);
      const t = totals.get(key) ?? { ms: 0, n: 0 };
      t.ms += e.queryDurationMillis;
      t.n += 1;
      totals.set(key, t);
    },
  });
  const version = 90_000 + (Date.now() % 9000);
  const definition: ProjectionDefinition = (model === 'catalog' ? catalogProjection : figuresProjection)({ version, name: `prof_${model}` });
  const schema = schemaName(definition.name, version);
  await sql.raw(`CREATE SCHEMA ${schema}`).execute(db);
  await definition.setup(db, schema);
  let after: Checkpoint = START;
  let events = 0;
  let readMs = 0;
  const started = performance.now();
  try {
    while (events < max) {
      const t0 = performance.now();
      const page = await readAllAfter(db, after, { limit: batch });
      readMs += performance.now() - t0;
      if (page.events.length === 0) break;
      await db.transaction().execute((trx) => definition.apply(trx, upcastEvents(page.events, definition.upcast), { schema, copy }));
      after = page.checkpoint;
      events += page.events.length;
    }
  } finally {
    const wall = performance.now() - started;
    const sqlMs = [...totals.values()].reduce((a, t) => a + t.ms, 0);
    console.log(
      `${model}: ${events} events in ${(wall / 1000).toFixed(1)} s = ${Math.round(events / (wall / 1000))} events/s; read ${(readMs / 1000).toFixed(1)} s, statements ${(sqlMs / 1000).toFixed(1)} s (incl. read), Node and round trips ${((wall - sqlMs) / 1000).toFixed(1)} s`,
    );
    for (const [key, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      console.log(`${(t.ms / 1000).toFixed(2).padStart(7)} s ${String(t.n).padStart(5)}× ${key}`);
    await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(db);
    await db.destroy();
    client?.release();
    await pool.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
