import { ProjectionEngine, type ProjectionEngineOptions } from '../projection-engine';
import { countsIn, eventually, expectedCounts, recordingLogger } from './counts.projection';

export type TestEngineOptions = Omit<ProjectionEngineOptions, 'db' | 'connectionString'>;

/**
 * Engines on a test file's database, with quick lock retries and polls so that
 * hand-overs and catch-ups fit in a test. `database` is read when an engine is
 * made (the database is created in beforeAll); `stopAll` belongs in afterEach.
 */
export function testEngines(database: () => { db: ProjectionEngineOptions['db']; url: string }, defaults: Partial<TestEngineOptions> = {}) {
  const running: ProjectionEngine[] = [];
  return {
    engine(options: TestEngineOptions): ProjectionEngine {
      const { db, url } = database();
      const e = new ProjectionEngine({
        db,
        connectionString: url,
        logger: recordingLogger(),
        lockRetryMs: 100,
        pollIntervalMs: 50,
        ...defaults,
        ...options,
      });
      running.push(e);
      return e;
    },
    async stopAll(): Promise<void> {
      await Promise.all(running.splice(0).map((e) => e.stop()));
    },
    /** Waits until the counts projection in `schema` holds what the log holds now. */
    async caughtUp(schema: string, timeoutMs = 10_000): Promise<void> {
      const { db } = database();
      const expected = await expectedCounts(db);
      await eventually(async () => JSON.stringify(await countsIn(db, schema)) === JSON.stringify(expected), timeoutMs, `${schema} to catch up`);
    },
  };
}
