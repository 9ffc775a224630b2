import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { sql } from 'kysely';
import { knownMigrations } from '@factledger/migrations';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';

/** An old process started against a schema a newer release migrated (a rollback of the code, not of the database). */
describe('API and worker refuse to start on a schema newer than their code', () => {
  let t: TestDatabase;
  const future = '29991231000000_from_a_newer_release';

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`INSERT INTO schema_migrations (name, timestamp) VALUES (${future}, ${new Date().toISOString()})`.execute(t.adminDb);
  });
  afterAll(() => t.drop());

  const run = (main: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['-r', './tools/register.cjs', main], {
        cwd: path.resolve(__dirname, '..'),
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: t.url,
          SEALER_DATABASE_URL: t.sealerUrl,
          LOG_LEVEL: 'error',
          PORT: '0',
          WORKER_METRICS_LISTEN: '',
        },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    '%s exits 1 with a message naming both versions',
    async (main) => {
      const { code, stderr } = await run(main);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `refusing to start: this code knows migrations up to ${knownMigrations().at(-1)}, but the database schema is at ${future} ` +
          `(applied by a newer factledger: ${future}). Run the newer version of factledger, or restore a schema this version knows`,
      );
    },
    60_000,
  );
});
