import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '@factledger/platform';
import { DATABASE_ROLES, LOCAL_ROLE_PASSWORDS, migrateToLatest, urlAs } from '@factledger/migrations';
import { runId, urlFor, withAdmin } from '@factledger/testing';
import { dbInitCommand } from '../apps/cli/src/commands/db-init.command';

/**
 * `factledger db-init --migrate` (docker-compose's init, an operator's deploy):
 * from an administrator's URL, the roles, the database and its grants, then
 * migrations as the owner. Also the upgrade of a database that a superuser
 * migrated before the role split: its objects are handed to the owner.
 */
describe('factledger db-init', () => {
  const name = `factledger_t_${runId()}_init${randomBytes(3).toString('hex')}`;
  const as = (kind: keyof typeof DATABASE_ROLES) => urlAs(urlFor(name), DATABASE_ROLES[kind], LOCAL_ROLE_PASSWORDS[kind]);
  const config = () =>
    loadConfig({
      DATABASE_URL: as('app'),
      MIGRATION_DATABASE_URL: as('owner'),
      SEALER_DATABASE_URL: as('sealer'),
      DATABASE_ADMIN_URL: urlFor('postgres'),
    });
  const query = async <R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const appendOne = (stream: string) =>
    query(as('app'), `SELECT status FROM factledger_append($1, 'test', 'any', $2::jsonb)`, [
      stream,
      JSON.stringify([{ id: randomUUID(), type: 'test.v1', data: {} }]),
    ]);
  afterAll(() => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));

  it('refuses to run without an administrator, or with role URLs naming other users', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      expect(await dbInitCommand({ migrate: false }, { ...config(), databaseAdminUrl: null })).toBe(2);
      expect(await dbInitCommand({ migrate: false }, { ...config(), sealerDatabaseUrl: urlFor(name) })).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toEqual([
      expect.stringMatching(/needs DATABASE_ADMIN_URL/),
      expect.stringMatching(/SEALER_DATABASE_URL must connect as factledger_sealer/),
    ]);
    expect(await withAdmin((c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))).toMatchObject({ rowCount: 0 });
  });

  it('creates the database owned by the owner, migrates as the owner, and the app role appends', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await dbInitCommand({ migrate: true }, config())).toBe(0);
      expect(await dbInitCommand({ migrate: true }, config())).toBe(0); // idempotent: every deploy runs it
    } finally {
      log.mockRestore();
    }
    const [db] = await query<{ owner: string }>(urlFor('postgres'), `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`, [
      name,
    ]);
    expect(db!.owner).toBe(DATABASE_ROLES.owner);
    const owners = await query<{ owner: string }>(
      as('app'),
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace`,
    );
    expect(owners).toEqual([{ owner: DATABASE_ROLES.owner }]);
    expect(await appendOne('init-1')).toEqual([{ status: 'ok' }]);
  });

  it('hands the objects of a database migrated by a superuser (before the split) to the owner, and read models to the app', async () => {
    const legacy = `${name}_legacy`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${legacy}`));
    try {
      const pool = new pg.Pool({ connectionString: urlFor(legacy), max: 1 });
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
      try {
        await migrateToLatest(db);
        await pool.query(`CREATE SCHEMA rm_figures_v1`);
        await pool.query(`CREATE TABLE rm_figures_v1.rows (id int)`);
      } finally {
        await db.destroy();
      }
      const legacyConfig = {
        ...config(),
        databaseUrl: urlAs(urlFor(legacy), DATABASE_ROLES.app, LOCAL_ROLE_PASSWORDS.app),
        migrationDatabaseUrl: urlAs(urlFor(legacy), DATABASE_ROLES.owner, LOCAL_ROLE_PASSWORDS.owner),
      };
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        expect(await dbInitCommand({ migrate: true }, legacyConfig)).toBe(0);
      } finally {
        log.mockRestore();
      }
      const owners = await query<{ kind: string; owner: string }>(
        urlFor(legacy),
        `
        SELECT DISTINCT n.nspname || ':' || c.relkind::text AS kind, pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('public', 'rm_figures_v1') AND c.relkind IN ('r', 'S') ORDER BY 1`,
      );
      expect(owners).toEqual([
        { kind: 'public:S', owner: DATABASE_ROLES.owner },
        { kind: 'public:r', owner: DATABASE_ROLES.owner },
        { kind: 'rm_figures_v1:r', owner: DATABASE_ROLES.app },
      ]);
      const functions = await query<{ owner: string }>(
        urlFor(legacy),
        `SELECT DISTINCT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
      );
      expect(functions).toEqual([{ owner: DATABASE_ROLES.owner }]);
      // The app can drop and rebuild its read models; it still cannot touch the log.
      await query(legacyConfig.databaseUrl, `DROP SCHEMA rm_figures_v1 CASCADE`);
      await expect(query(legacyConfig.databaseUrl, `TRUNCATE events`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${legacy} WITH (FORCE)`));
    }
  });
});
