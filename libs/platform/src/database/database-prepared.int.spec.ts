import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { createDatabase, PREPARED_STATEMENT, type DatabaseHandle } from './database';

describe('statements marked PREPARED_STATEMENT (createDatabase)', () => {
  let t: TestDatabase;
  let handle: DatabaseHandle<unknown>;
  beforeAll(async () => {
    t = await createTestDatabase();
    handle = createDatabase(t.url, { max: 1 });
  });
  afterAll(async () => {
    await handle?.close();
    await t?.drop();
  });

  const prepared = () => sql<{ text: string }>`SELECT statement AS text FROM pg_prepared_statements`.execute(handle.db).then((r) => r.rows);

  it('run as one named statement per connection, with their parameters; unmarked ones stay unnamed', async () => {
    const marked = (n: number) => sql<{ n: number }>`${sql.raw(PREPARED_STATEMENT)}SELECT ${n}::int + 1 AS n`.execute(handle.db);
    expect((await marked(1)).rows).toEqual([{ n: 2 }]);
    expect((await marked(41)).rows).toEqual([{ n: 42 }]);
    expect((await sql<{ n: number }>`SELECT ${5}::int AS n`.execute(handle.db)).rows).toEqual([{ n: 5 }]);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.text).toContain('SELECT $1::int + 1 AS n');
  });

  it('fail as any statement does, and the connection goes on', async () => {
    await expect(sql`${sql.raw(PREPARED_STATEMENT)}SELECT 1 / ${0}::int`.execute(handle.db)).rejects.toThrow(/division by zero/);
    expect((await sql<{ n: number }>`${sql.raw(PREPARED_STATEMENT)}SELECT ${2}::int + 1 AS n`.execute(handle.db)).rows).toEqual([{ n: 3 }]);
  });
});
