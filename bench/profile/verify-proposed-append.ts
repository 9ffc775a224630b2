import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { appendToStream, readStream } from '@factledger/event-store';
import { pg } from '../harness/root-pg';
import { migrateToLatest } from '../../migrations/migrator';
import { ensurePostgres } from '../../tools/services';
import { proposedAppendSql } from './append-variants';

const ev = () => ({ id: randomUUID(), type: 't.v1', data: { a: 1 } });

/**
 * Checks the proposed factledger_append (append-variants.ts) against the
 * store's API in a scratch database: the statuses it must keep, and the one
 * answer that changes. Usage: node -r ./tools/register.cjs bench/profile/verify-proposed-append.ts
 */
async function main() {
  const postgres = await ensurePostgres();
  const at = (database: string) => Object.assign(new URL(postgres.url), { pathname: `/${database}` }).toString();
  const admin = new pg.Client({ connectionString: at('postgres') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS factledger_bench_verify WITH (FORCE)');
  await admin.query('CREATE DATABASE factledger_bench_verify');
  const pool = new pg.Pool({ connectionString: at('factledger_bench_verify'), max: 25 });
  pool.on('error', () => undefined);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  await pool.query('DROP FUNCTION factledger_append(text, text, text, jsonb)');
  await pool.query(proposedAppendSql('public'));
  const s = `figure-${randomUUID()}`;
  const a = [ev()];
  const r1 = await appendToStream(db, s, a, { expectedVersion: 0 });
  const r2 = await appendToStream(db, s, [ev()], { expectedVersion: 1 });
  console.log('ok path', r1.streamVersion, r2.streamVersion, r2.duplicate);
  console.log('retry at stale version', await appendToStream(db, s, a, { expectedVersion: 0 }).then((r) => `duplicate=${r.duplicate} v=${r.streamVersion}`, (e) => e.code));
  console.log('stale version', await appendToStream(db, s, [ev()], { expectedVersion: 1 }).then(() => 'ok?!', (e) => e.code));
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => appendToStream(db, s, [ev(), ev()], { expectedVersion: 2 })));
  console.log('20 racing at v2: ok', results.filter((r) => r.status === 'fulfilled').length, 'codes', [...new Set(results.filter((r) => r.status === 'rejected').map((r: any) => r.reason.code))]);
  const other = ev();
  await appendToStream(db, `figure-${randomUUID()}`, [other]);
  const outcome = (p: Promise<{ duplicate: boolean }>) => p.then((r) => `ok, duplicate=${r.duplicate}`, (e) => `${e.code ?? ''} ${e.message}`);
  console.log('id stored in another stream, matching version:', await outcome(appendToStream(db, s, [other], { expectedVersion: 4 })));
  console.log('id of this stream, matching version (a client bug):', await outcome(appendToStream(db, s, a, { expectedVersion: 4 })));
  console.log('the same two with expectedVersion any:', await outcome(appendToStream(db, s, [other])), '/', await outcome(appendToStream(db, s, a)));
  console.log('version after', (await readStream(db, s)).length);
  await db.destroy();
  await admin.query('DROP DATABASE IF EXISTS factledger_bench_verify WITH (FORCE)');
  await admin.end();
  await postgres.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
