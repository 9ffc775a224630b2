import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { keyedLookups } from './batch-preparation';

describe('keyedLookups: a bulk batch looks stored rows up by index (PostgreSQL)', () => {
  let t: TestDatabase;
  const setting = async (db: Parameters<typeof keyedLookups>[0]) =>
    (await sql<{ v: string }>`SELECT current_setting('enable_seqscan') AS v`.execute(db)).rows[0]!.v;

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`CREATE TABLE keyed (id uuid PRIMARY KEY, v integer NOT NULL, pad text NOT NULL)`.execute(t.adminDb);
    await sql`INSERT INTO keyed SELECT gen_random_uuid(), g, repeat('x', 200) FROM generate_series(1, 50000) g`.execute(t.adminDb);
    await sql`ANALYZE keyed`.execute(t.adminDb);
  });
  afterAll(() => t.drop());

  it('uses the key index for thousands of keys, and only until switched back, in its transaction', async () => {
    const keys = (await sql<{ id: string }>`SELECT id::text AS id FROM keyed ORDER BY v LIMIT 8000`.execute(t.adminDb)).rows.map((r) => r.id);
    const plan = async (db: Parameters<typeof keyedLookups>[0]) =>
      (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT * FROM keyed WHERE id = ANY (${keys}::uuid[])`.execute(db)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    await t.adminDb.transaction().execute(async (trx) => {
      expect(await plan(trx)).toMatch(/Seq Scan/); // what the planner picks by itself
      await keyedLookups(trx, true);
      expect(await plan(trx)).not.toMatch(/Seq Scan/);
      expect(await plan(trx)).toMatch(/keyed_pkey/);
      await keyedLookups(trx, false);
      expect(await setting(trx)).toBe('on');
      await keyedLookups(trx, true);
    });
    // Transaction-local: the pooled connection is left as it was (the admin role: the app role may not create tables).
    expect(await setting(t.adminDb)).toBe('on');
  });
});
