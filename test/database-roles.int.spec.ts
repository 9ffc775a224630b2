import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DATABASE_ROLES } from '@factledger/migrations';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';

/**
 * The database role split (issue 11), proven from the roles' own connections:
 * what the application role (API, worker) and the sealer role can do to the
 * log and its evidence, and what only the owner can.
 */
describe('database roles', () => {
  let t: TestDatabase;
  let sealer: pg.Pool;
  let owner: pg.Pool;
  beforeAll(async () => {
    t = await createTestDatabase();
    sealer = new pg.Pool({ connectionString: t.sealerUrl, max: 2 });
    owner = new pg.Pool({ connectionString: t.ownerUrl, max: 2 });
  });
  afterAll(async () => {
    await Promise.all([sealer.end(), owner.end()]);
    await t.drop();
  });

  const events = (...types: string[]) => JSON.stringify(types.map((type) => ({ id: randomUUID(), type, data: { n: 1 } })));
  const append = (pool: pg.Pool, stream: string, expected = 'any') =>
    pool.query<{ status: string; last_position: string }>('SELECT * FROM factledger_append($1, $2, $3, $4::jsonb)', [
      stream,
      'test',
      expected,
      events('test.happened.v1'),
    ]);
  /** Refused by the privilege system, not by a trigger: 42501 insufficient_privilege. */
  const refused = (pool: pg.Pool, statement: string, message: RegExp) =>
    expect(pool.query(statement)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(message) });

  it('connects the tests as the application role, which is no superuser and owns no table of the public schema', async () => {
    const { rows } = await t.pool.query(
      `SELECT current_user AS role, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ role: DATABASE_ROLES.app, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await t.pool.query(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')`);
    expect(owned.rows).toEqual([]);
    const owners = await t.pool.query(`SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace`);
    expect(owners.rows).toEqual([{ owner: DATABASE_ROLES.owner }]);
  });

  it('lets the application role read the log and append through factledger_append and factledger_append_many', async () => {
    const first = await append(t.pool, 'roles-1', 'no_stream');
    expect(first.rows[0]!.status).toBe('ok');
    const many = await t.pool.query<{ status: string }>('SELECT * FROM factledger_append_many($1::jsonb)', [
      JSON.stringify([
        { s: 'roles-1', t: 'test', x: '1', e: JSON.parse(events('test.happened.v1')) },
        { s: 'roles-2', t: 'test', x: 'no_stream', e: JSON.parse(events('test.happened.v1')) },
      ]),
    ]);
    expect(many.rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    const { rows } = await t.pool.query(`SELECT stream_id, stream_version::int AS v FROM events ORDER BY position`);
    expect(rows).toEqual([
      { stream_id: 'roles-1', v: 1 },
      { stream_id: 'roles-1', v: 2 },
      { stream_id: 'roles-2', v: 1 },
    ]);
  });

  it('refuses the application role every other way to change the log', async () => {
    await refused(
      t.pool,
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data) VALUES ('x', 1, gen_random_uuid(), 't', '{}')`,
      /permission denied for table events/,
    );
    await refused(t.pool, `INSERT INTO streams (stream_id, stream_type, version) VALUES ('x', 't', 0)`, /permission denied for table streams/);
    await refused(t.pool, `UPDATE events SET data = '{"n": 2}'`, /permission denied for table events/);
    await refused(t.pool, `UPDATE streams SET version = 0`, /permission denied for table streams/);
    await refused(t.pool, `DELETE FROM events`, /permission denied for table events/);
    await refused(t.pool, `TRUNCATE events`, /permission denied for table events/);
    await refused(t.pool, `ALTER TABLE events DISABLE TRIGGER events_immutable_rows`, /must be owner of table events/);
    await refused(t.pool, `ALTER TABLE events DISABLE TRIGGER ALL`, /must be owner of table events/);
    await refused(t.pool, `DROP TABLE events`, /must be owner of table events/);
    await refused(t.pool, `DROP TRIGGER events_immutable_rows ON events`, /must be owner of (table|relation) events/);
    await refused(t.pool, `ALTER TABLE events OWNER TO ${DATABASE_ROLES.app}`, /must be owner of table events/);
    await refused(
      t.pool,
      `CREATE OR REPLACE FUNCTION factledger_append(text, text, text, jsonb) RETURNS SETOF record LANGUAGE sql AS 'SELECT NULL::record'`,
      /must be owner of function factledger_append|permission denied for schema public/,
    );
    await refused(t.pool, `DROP FUNCTION factledger_append(text, text, text, jsonb)`, /must be owner of function factledger_append/);
    await refused(t.pool, `CREATE TABLE public.planted (id int)`, /permission denied for schema public/);
    await refused(t.pool, `SET session_replication_role = replica`, /permission denied to set parameter/);
    await t.pool.query(`GRANT INSERT, TRUNCATE, TRIGGER ON events TO ${DATABASE_ROLES.app}`); // PostgreSQL only warns: "no privileges were granted"
    const { rows } = await t.pool.query(
      `SELECT has_table_privilege('events', 'INSERT') AS i, has_table_privilege('events', 'TRUNCATE') AS tr, has_table_privilege('events', 'TRIGGER') AS tg`,
    );
    expect(rows[0]).toEqual({ i: false, tr: false, tg: false });
  });

  it('appends into the real log even when the caller plants an "events" table of its own ahead of it (pinned search_path)', async () => {
    const client = await t.pool.connect();
    try {
      await refused(t.pool, 'CREATE TEMPORARY TABLE events (LIKE public.events)', /permission denied to create temporary tables/);
      // The app role may create schemas (its read models): one holding decoy "events" and "streams", first on its
      // search_path and opened to the owner, whose rights the append function runs with. Unpinned, it writes there.
      await client.query('CREATE SCHEMA rm_decoy_v1');
      await client.query('CREATE TABLE rm_decoy_v1.events (LIKE public.events INCLUDING ALL)');
      await client.query('CREATE TABLE rm_decoy_v1.streams (LIKE public.streams INCLUDING ALL)');
      await client.query(`GRANT USAGE ON SCHEMA rm_decoy_v1 TO ${DATABASE_ROLES.owner}`);
      await client.query(`GRANT ALL ON ALL TABLES IN SCHEMA rm_decoy_v1 TO ${DATABASE_ROLES.owner}`);
      await client.query('SET search_path = rm_decoy_v1, public');
      const before = await t.pool.query(`SELECT count(*)::int AS n FROM public.events`);
      await client.query(`SELECT * FROM public.factledger_append('roles-decoy', 'test', 'no_stream', $1::jsonb)`, [events('test.happened.v1')]);
      expect((await client.query('SELECT count(*)::int AS n FROM rm_decoy_v1.events')).rows[0].n).toBe(0);
      expect((await t.pool.query(`SELECT count(*)::int AS n FROM public.events`)).rows[0].n).toBe(before.rows[0].n + 1);
      await client.query('DROP SCHEMA rm_decoy_v1 CASCADE');
    } finally {
      client.release(true);
    }
  });

  it('lets only the sealer role write the audit tables, and nobody rewrite them', async () => {
    const leaf = `INSERT INTO audit_leaves (leaf_index, position, transaction_id, leaf_hash) VALUES (0, 1, '1', decode(repeat('ab', 32), 'hex'))`;
    for (const table of ['audit_leaves', 'audit_nodes', 'audit_checkpoints', 'audit_signing_keys', 'audit_key_statements']) {
      await expect(t.pool.query(`SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
      await refused(t.pool, `DELETE FROM ${table}`, new RegExp(`permission denied for table ${table}`));
      await refused(t.pool, `TRUNCATE ${table}`, new RegExp(`permission denied for table ${table}`));
      await refused(t.pool, `ALTER TABLE ${table} DISABLE TRIGGER ALL`, new RegExp(`must be owner of table ${table}`));
    }
    await refused(t.pool, leaf, /permission denied for table audit_leaves/);
    await refused(
      t.pool,
      `INSERT INTO audit_nodes (level, index, hash) VALUES (1, 0, decode(repeat('ab', 32), 'hex'))`,
      /permission denied for table audit_nodes/,
    );
    await refused(
      t.pool,
      `INSERT INTO audit_signing_keys (key_id, algorithm, public_key) VALUES (repeat('a', 32), 'Ed25519', decode(repeat('ab', 32), 'hex'))`,
      /permission denied for table audit_signing_keys/,
    );

    await sealer.query(leaf);
    await refused(sealer, `UPDATE audit_leaves SET leaf_hash = decode(repeat('cd', 32), 'hex')`, /permission denied for table audit_leaves/);
    await refused(sealer, `DELETE FROM audit_leaves`, /permission denied for table audit_leaves/);
    await refused(sealer, `TRUNCATE audit_leaves`, /permission denied for table audit_leaves/);
    await refused(sealer, `ALTER TABLE audit_leaves DISABLE TRIGGER ALL`, /must be owner of table audit_leaves/);
    await refused(
      sealer,
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data) VALUES ('x', 1, gen_random_uuid(), 't', '{}')`,
      /permission denied for table events/,
    );
    await refused(sealer, `SELECT * FROM factledger_append('x', 'test', 'any', '[]'::jsonb)`, /permission denied for function factledger_append/);
  });

  it('gives the application role on its own bookkeeping only what its code does', async () => {
    const { rows } = await t.pool.query(`
      SELECT t AS table, string_agg(p, ',' ORDER BY p) AS privileges
        FROM unnest(ARRAY['event_write_versions', 'idempotency_keys', 'report_texts', 'projection_checkpoints', 'projection_registry', 'ledger_identity', 'review_candidates', 'schema_migrations', 'subject_keys']) AS t,
             unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) AS p
       WHERE has_table_privilege(t, p) GROUP BY t ORDER BY t`);
    expect(rows).toEqual([
      // Read only: the operator (as the owner) switches an event's write version; every process reads it.
      { table: 'event_write_versions', privileges: 'SELECT' },
      { table: 'idempotency_keys', privileges: 'DELETE,INSERT,SELECT,UPDATE' },
      { table: 'ledger_identity', privileges: 'SELECT' },
      { table: 'projection_checkpoints', privileges: 'DELETE,INSERT,SELECT,UPDATE' },
      { table: 'projection_registry', privileges: 'INSERT,SELECT,UPDATE' },
      { table: 'report_texts', privileges: 'DELETE,INSERT,SELECT' },
      { table: 'review_candidates', privileges: 'INSERT,SELECT' },
      // Read only: a process compares the applied migrations with its code's before it starts.
      { table: 'schema_migrations', privileges: 'SELECT' },
      // An erased subject's row stays as a tombstone (data_key null): never deleted, so it cannot get a fresh key.
      { table: 'subject_keys', privileges: 'INSERT,SELECT,UPDATE' },
    ]);
    await refused(t.pool, `UPDATE ledger_identity SET ledger_id = gen_random_uuid()`, /permission denied for table ledger_identity/);
    await refused(t.pool, `DELETE FROM schema_migrations`, /permission denied for table schema_migrations/);
    await refused(t.pool, `DELETE FROM subject_keys`, /permission denied for table subject_keys/);
    await refused(t.pool, `UPDATE event_write_versions SET version = 2`, /permission denied for table event_write_versions/);
  });

  it('keeps the owner behind the triggers too: its UPDATE/DELETE/TRUNCATE still fail (only disabling them, which the signed checkpoints catch, gets through)', async () => {
    await expect(owner.query(`DELETE FROM events`)).rejects.toMatchObject({ message: expect.stringMatching(/events are immutable: DELETE refused/) });
    await expect(owner.query(`TRUNCATE events`)).rejects.toMatchObject({ message: expect.stringMatching(/events are immutable: TRUNCATE refused/) });
  });

  it('gives tables of later migrations the ordinary split: the application role may read and write rows, never TRUNCATE, ALTER or DROP', async () => {
    await owner.query(`CREATE TABLE later_table (id serial PRIMARY KEY, note text)`);
    await t.pool.query(`INSERT INTO later_table (note) VALUES ('a'), ('b')`);
    await t.pool.query(`UPDATE later_table SET note = 'c' WHERE note = 'a'`);
    await t.pool.query(`DELETE FROM later_table WHERE note = 'b'`);
    expect((await t.pool.query(`SELECT note FROM later_table`)).rows).toEqual([{ note: 'c' }]);
    await refused(t.pool, `TRUNCATE later_table`, /permission denied for table later_table/);
    await refused(t.pool, `ALTER TABLE later_table ADD COLUMN x int`, /must be owner of table later_table/);
    await refused(t.pool, `DROP TABLE later_table`, /must be owner of table later_table/);
    await refused(sealer, `SELECT * FROM later_table`, /permission denied for table later_table/);
  });

  it('lets the application role own and drop its read-model schemas, and nothing it did not create', async () => {
    await t.pool.query(`CREATE SCHEMA rm_roles_probe_v1`);
    await t.pool.query(`CREATE TABLE rm_roles_probe_v1.rows (id int)`);
    await t.pool.query(`DROP SCHEMA rm_roles_probe_v1 CASCADE`);
    await refused(t.pool, `DROP SCHEMA public CASCADE`, /must be owner of schema public/);
    await refused(t.pool, `ALTER SCHEMA public RENAME TO elsewhere`, /must be owner of schema public/);
  });
});
