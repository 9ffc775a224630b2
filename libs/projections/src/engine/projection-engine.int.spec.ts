import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppendNotifier, PostgresEventStore } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadCheckpoint } from './checkpoints.repository';
import { projectionStatus } from './projection-status.repository';
import { testEngines } from './testing/test-engines';
import { appendMany, countsProjection, eventually, recordingLogger } from './testing/counts.projection';

describe('projection engine (PostgreSQL)', () => {
  let t: TestDatabase;
  const { engine, stopAll, caughtUp } = testEngines(() => t);

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
  });
  afterEach(async () => {
    await stopAll();
  });
  afterAll(() => t.drop());

  it('catches up from START, then follows appends as soon as they are announced', async () => {
    await appendMany(t.db, 'notify-1', 30);
    // A poll every minute: only the notification can make it follow within the test.
    const e = engine({ definitions: [countsProjection('notified')], pollIntervalMs: 60_000, batchSize: 7 });
    await e.start();
    await caughtUp('rm_notified_v1');

    const store = new PostgresEventStore(t.db, new AppendNotifier(t.pool));
    await store.append('notify-2', [{ id: randomUUID(), type: 'counted.v1', data: {} }]);
    await caughtUp('rm_notified_v1');
    const [status] = await e.status();
    expect(status).toMatchObject({
      name: 'notified',
      version: 1,
      activeVersion: 1,
      state: 'running',
      owner: e.owner,
      locked: true,
      lagEvents: 0,
      eventsApplied: '31',
    });
  });

  it('follows by polling when notifications are off', async () => {
    const e = engine({ definitions: [countsProjection('polled')], notifications: false, pollIntervalMs: 30 });
    await e.start();
    await appendMany(t.db, 'poll-1', 5);
    await caughtUp('rm_polled_v1');
    await appendMany(t.db, 'poll-2', 5);
    await caughtUp('rm_polled_v1');
  });

  it('commits rows and checkpoint together: a failing batch leaves neither, fails only its projection, and resumes after a fix', async () => {
    const fragile = countsProjection('fragile', 1, { rejectPoison: true });
    const sturdy = countsProjection('sturdy');
    const logger = recordingLogger();
    const e = engine({ definitions: [fragile, sturdy], logger, batchSize: 1000 });
    await e.start();
    await caughtUp('rm_fragile_v1');
    await caughtUp('rm_sturdy_v1');
    const before = (await loadCheckpoint(t.db, 'fragile', 1))!;

    // One batch: the poison event sits in the middle, after apply wrote part of it.
    const last = await appendMany(t.db, 'poisoned', 9, (i) => ({ i, poison: i === 4 }));
    await caughtUp('rm_sturdy_v1');
    const failed = await eventually(async () => {
      const row = await loadCheckpoint(t.db, 'fragile', 1);
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed.checkpoint).toEqual(before.checkpoint);
    // The batch failed as a whole; re-applied event by event, the failing event is named.
    const poison = (
      await sql<{ event_id: string; position: string }>`
      SELECT event_id::text AS event_id, position::text AS position FROM events WHERE stream_id = 'poisoned' AND stream_version = 5`.execute(t.db)
    ).rows[0]!;
    expect(failed.error).toBe(
      `cannot count poison event ${poison.event_id} (at event ${poison.event_id}, position ${poison.position}, type counted.v1; batch of 9 events, positions ${BigInt(last) - 8n}..${last})`,
    );
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::integer AS n FROM rm_fragile_v1.applied WHERE position > ${before.checkpoint.position}`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      expect.stringMatching(/projection fragile v1: FAILED .*cannot count poison event/),
    ]);
    const status = await e.status();
    expect(status.find((s) => s.name === 'fragile')).toMatchObject({ state: 'failed', lagEvents: 9, lastError: failed.error });
    expect(status.find((s) => s.name === 'sturdy')).toMatchObject({ state: 'running', lagEvents: 0 });

    // Still failed while nothing changes; other appends keep flowing to the sturdy one.
    await appendMany(t.db, 'after-poison', 3);
    await caughtUp('rm_sturdy_v1');
    expect((await loadCheckpoint(t.db, 'fragile', 1))!.state).toBe('failed');

    fragile.hooks.rejectPoison = false; // the fix
    await e.resume('fragile');
    await caughtUp('rm_fragile_v1');
    expect(await loadCheckpoint(t.db, 'fragile', 1)).toMatchObject({ state: 'running', error: null });
  });

  it('stops gracefully: the batch in flight commits, then the lock and connections are released', async () => {
    let release!: () => void;
    const inFlight = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const blocked = new Promise<void>((r) => (entered = r));
    let batch: string[] = [];
    const slow = countsProjection('graceful', 1, {
      midBatch: async (events) => {
        batch = events.map((e) => e.position);
        entered();
        await inFlight;
      },
    });
    const e = engine({ definitions: [slow] });
    await appendMany(t.db, 'graceful-1', 4);
    try {
      await e.start();
      await blocked;
      const stopping = e.stop();
      release();
      await stopping;
    } finally {
      release();
    }
    slow.hooks.midBatch = undefined;

    const applied = await sql<{ position: string }>`SELECT position::text AS position FROM rm_graceful_v1.applied ORDER BY applied.position`.execute(
      t.db,
    );
    expect(batch.length).toBeGreaterThan(0);
    expect(applied.rows.map((r) => r.position)).toEqual(batch);
    const [status] = await projectionStatus(t.db, { name: 'graceful' });
    expect(status).toMatchObject({ state: 'stopped', owner: null, locked: false, checkpoint: { position: batch.at(-1) } });
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'factledger-projector%'`.execute(
      t.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('resets a version in place: empties it and refills it from START while running', async () => {
    const e = engine({ definitions: [countsProjection('resettable')] });
    await e.start();
    await appendMany(t.db, 'reset-1', 3);
    await caughtUp('rm_resettable_v1');
    await sql`UPDATE rm_resettable_v1.counts SET events = 999`.execute(t.db); // a corrupted model
    await e.reset('resettable');
    await caughtUp('rm_resettable_v1');
    expect((await loadCheckpoint(t.db, 'resettable', 1))!.state).toBe('running');
  });
});
