import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { assertSchemaNotNewer, checkSchemaOnStart, knownMigrations, readSchemaVersion, SchemaVersionError } from './migrator';

describe('the schema version check at start-up', () => {
  let t: TestDatabase;
  const known = knownMigrations();
  const newest = known.at(-1)!;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('passes on the schema this code migrated, read as the application role', async () => {
    expect(await assertSchemaNotNewer(t.db)).toEqual({ codeVersion: newest, schemaVersion: newest, unknown: [], pending: [] });
  });

  it('refuses a schema a newer version migrated, naming the code version and the schema version', async () => {
    const future = '29991231000000_from_a_newer_release';
    await sql`INSERT INTO schema_migrations (name, timestamp) VALUES (${future}, ${new Date().toISOString()})`.execute(t.adminDb);
    try {
      const refusal = assertSchemaNotNewer(t.db);
      await expect(refusal).rejects.toThrow(SchemaVersionError);
      await expect(assertSchemaNotNewer(t.db)).rejects.toThrow(
        `refusing to start: this code knows migrations up to ${newest}, but the database schema is at ${future} (applied by a newer factledger: ${future})`,
      );
      const warnings: string[] = [];
      await expect(checkSchemaOnStart(t.url, (m) => warnings.push(m))).rejects.toThrow(SchemaVersionError);
    } finally {
      await sql`DELETE FROM schema_migrations WHERE name = ${future}`.execute(t.adminDb);
    }
  });

  it('only warns about a schema behind the code (factledger migrate brings it forward)', async () => {
    const older = known.slice(0, -1);
    // As if this code were one migration newer than the database: the newest known is pending.
    expect(await readSchemaVersion(t.db, [...known, '29991231000000_next'])).toMatchObject({
      schemaVersion: newest,
      pending: ['29991231000000_next'],
      unknown: [],
    });
    expect((await readSchemaVersion(t.db, older)).unknown).toEqual([newest]);
    const warnings: string[] = [];
    await checkSchemaOnStart(t.url, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });
});
