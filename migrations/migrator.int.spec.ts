import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { roleUrlFor, runId, withAdmin } from '@factledger/testing';
import { DATABASE_ROLES, knownMigrations, migrateToLatest, prepareDatabase } from './migrator';

/** Several processes (deploy steps, replicas starting) migrating one fresh database at once. */
describe('migrations run by several processes at once', () => {
  const name = `factledger_mig_${runId()}_${randomBytes(4).toString('hex')}`;
  const handles: Kysely<any>[] = [];
  const connect = () => {
    const pool = new pg.Pool({ connectionString: roleUrlFor('owner', name), max: 1 });
    // An idle connection ended from outside (the server restarting, the database dropped at the end) is not this test's failure;
    // a migration cut short still is, through the promise it rejects.
    pool.on('error', () => undefined);
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    handles.push(db);
    return db;
  };

  beforeAll(async () => {
    await withAdmin(async (c) => {
      await c.query(`CREATE DATABASE ${name} OWNER ${DATABASE_ROLES.owner}`);
      await prepareDatabase(c, name);
    });
  });
  afterAll(async () => {
    await Promise.all(handles.map((db) => db.destroy()));
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('one process applies every migration under the advisory lock; the others wait for it, then find nothing to do', async () => {
    const processes = Array.from({ length: 5 }, connect);
    // Every connection open first, so all five ask for the lock at about the same moment.
    await Promise.all(processes.map((db) => sql`SELECT 1`.execute(db)));
    const waited: string[] = [];
    const results = await Promise.all(processes.map((db) => migrateToLatest(db, { onWait: (m) => waited.push(m) })));

    const known = knownMigrations();
    expect(results.filter((applied) => applied.length > 0)).toEqual([known]);
    expect(results.filter((applied) => applied.length === 0)).toHaveLength(4);
    expect(waited.length).toBeGreaterThanOrEqual(1);
    expect(waited[0]).toBe('another process is migrating this database (advisory lock held): waiting for it');
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(processes[0]!);
    expect(rows.map((r) => r.name)).toEqual(known);
    // The lock is released: a later run takes it at once and has nothing to do.
    const later: string[] = [];
    expect(await migrateToLatest(connect(), { onWait: (m) => later.push(m) })).toEqual([]);
    expect(later).toEqual([]);
  });
});
