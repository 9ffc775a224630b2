import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadCheckpoint } from './checkpoints.repository';
import { projectionStatus } from './projection-status.repository';
import { projectionLockKey } from './projection-subscriber';
import { testEngines } from './testing/test-engines';
import { appendMany, countsProjection, eventually, recordingLogger } from './testing/counts.projection';

/** Several engines on one database stand for several worker processes. */
describe('projection failover (PostgreSQL)', () => {
  let t: TestDatabase;
  const { engine, stopAll, caughtUp } = testEngines(() => t);
  /** Simulates the holder's process dying: its connection (and with it the lock) goes away. */
  const killHolder = async (name: string) => {
    const { rows } = await sql<{ pid: number }>`
      SELECT pid FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(${projectionLockKey(name, 1)}, 0)`.execute(t.db);
    expect(rows).toHaveLength(1);
    await sql`SELECT pg_terminate_backend(${rows[0]!.pid})`.execute(t.db);
  };
  const gates: (() => void)[] = [];
  /** Holds a batch open mid-way; afterEach opens it so a failed test never leaves a transaction open. */
  const gate = () => {
    let open!: () => void;
    let entered!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    const reached = new Promise<void>((r) => (entered = r));
    gates.push(open);
    return { open, reached, wait: async () => (entered(), opened) };
  };
  /** Row for row, both tables: the model equals one built in a single clean pass. */
  const expectSameModel = async (schema: string, fresh: string) => {
    for (const table of ['counts', 'applied']) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::integer AS n FROM (
          (SELECT * FROM ${sql.id(schema, table)} EXCEPT ALL SELECT * FROM ${sql.id(fresh, table)})
          UNION ALL
          (SELECT * FROM ${sql.id(fresh, table)} EXCEPT ALL SELECT * FROM ${sql.id(schema, table)})
        ) diff`.execute(t.db);
      expect(rows[0]!.n).toBe(0);
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
  });
  afterEach(async () => {
    gates.splice(0).forEach((open) => open());
    await stopAll();
  });
  afterAll(() => t.drop());

  it('lets exactly one of two instances apply, and hands over when it stops', async () => {
    const a = engine({ definitions: [countsProjection('shared')], batchSize: 5 });
    const b = engine({ definitions: [countsProjection('shared')], batchSize: 5 });
    await Promise.all([a.start(), b.start()]);
    // Concurrent appends while both instances race for the projection.
    await Promise.all(Array.from({ length: 10 }, (_, i) => appendMany(t.db, `shared-${i % 3}`, 4)));
    await caughtUp('rm_shared_v1'); // `applied` has the position as key: a second application would have failed the batch

    const leaders = [a, b].filter((e) => e.isLeading('shared'));
    expect(leaders).toHaveLength(1);
    const [leader] = leaders;
    const standby = leader === a ? b : a;
    const [status] = await projectionStatus(t.db, { name: 'shared' });
    expect(status).toMatchObject({ state: 'running', owner: leader!.owner, locked: true, eventsApplied: '40' });

    await leader!.stop();
    await appendMany(t.db, 'shared-after', 3);
    await caughtUp('rm_shared_v1');
    expect(standby.isLeading('shared')).toBe(true);
    expect((await loadCheckpoint(t.db, 'shared', 1))!.owner).toBe(standby.owner);
  });

  it('takes over within seconds when the holder dies mid-batch; the dead batch never commits', async () => {
    await appendMany(t.db, 'kill-1', 6);
    const blocked = gate();
    const doomedLogger = recordingLogger();
    // The doomed instance would reconnect only after 10 s: the standby must win on its own.
    const doomed = engine({ definitions: [countsProjection('failover', 1, { midBatch: blocked.wait })], lockRetryMs: 10_000, logger: doomedLogger });
    await doomed.start();
    await blocked.reached;
    const standby = engine({ definitions: [countsProjection('failover')] });
    await standby.start();
    expect(standby.isLeading('failover')).toBe(false);

    const killedAt = Date.now();
    await killHolder('failover');
    blocked.open(); // the doomed batch carries on into a dead connection
    await eventually(async () => standby.isLeading('failover'), 5000, 'the standby to take over');
    await caughtUp('rm_failover_v1');
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(doomedLogger.lines).toContainEqual({
      level: 'warn',
      message: expect.stringMatching(/projection failover v1: database connection lost, with it the lock/),
    });
    expect((await loadCheckpoint(t.db, 'failover', 1))!).toMatchObject({ owner: standby.owner, state: 'running', error: null });
  });

  it('restarts after a crash mid-batch into a model equal, row for row, to a fresh rebuild', async () => {
    for (let i = 0; i < 6; i++) await appendMany(t.db, `crash-${i % 2}`, 5);
    let batches = 0;
    const blocked = gate();
    const crashing = engine({
      definitions: [countsProjection('crashy', 1, { midBatch: () => (++batches === 3 ? blocked.wait() : undefined) })],
      batchSize: 10,
      lockRetryMs: 10_000,
    });
    await crashing.start();
    await blocked.reached; // two batches committed, the third half-written
    await killHolder('crashy');
    blocked.open();
    await crashing.stop();
    const checkpoint = (await loadCheckpoint(t.db, 'crashy', 1))!;
    expect(checkpoint.eventsApplied).toBe('20');

    const restarted = engine({ definitions: [countsProjection('crashy'), countsProjection('crashy_fresh')], batchSize: 10 });
    await restarted.start();
    await caughtUp('rm_crashy_v1');
    await caughtUp('rm_crashy_fresh_v1');
    await expectSameModel('rm_crashy_v1', 'rm_crashy_fresh_v1');
  });
});
