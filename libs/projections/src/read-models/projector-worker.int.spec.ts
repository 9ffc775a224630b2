import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
// The ledger generator of the benchmarks, at a small size: real domain events, many transactions.
import { loadLedger } from '../../../../bench/fixtures/million-events';
import { loadCheckpoint, projectionStatus, waitForPosition } from '../engine';
import { eventually } from '../engine/testing/counts.projection';
import { firstVersion, READ_MODELS } from './read-model-lineage';
import { schemaDifferences } from './testing/compare-schemas';
import { liveAndFreshDigests } from './testing/fresh-rebuild-digests';
import { startWorkerProcess, type WorkerProcess } from './testing/worker-process';

const SHAPE = { events: 5000, metrics: 4, sources: 12, reports: 40, chunk: 150 };
const FIGURES_VERSION = firstVersion(READ_MODELS.find((s) => s.name === 'figures')!);
const CATALOG_VERSION = firstVersion(READ_MODELS.find((s) => s.name === 'catalog')!);

/** Worker processes (the real ProjectorWorkerModule) stopped with SIGTERM, or killed with SIGKILL: no shutdown hook runs. */
describe('projector worker processes: crash and failover (PostgreSQL)', () => {
  const databases: TestDatabase[] = [];
  const workers: WorkerProcess[] = [];
  const worker = (t: TestDatabase, batchSize: number) => {
    const w = startWorkerProcess(t.url, { batchSize });
    workers.push(w);
    return w;
  };
  const ledger = async () => {
    const t = await createTestDatabase({ poolSize: 6 });
    databases.push(t);
    const events = await loadLedger(t.adminPool, SHAPE);
    const { rows } = await sql<{ head: string }>`SELECT max(position)::text AS head FROM events`.execute(t.db);
    return { t, events, head: rows[0]!.head };
  };
  const figuresCheckpoint = async (t: TestDatabase) => (await loadCheckpoint(t.db, 'figures', FIGURES_VERSION))!;
  /** Fresh rebuilds of both read models under other names (by first fill and by bulk batches): equal digests, and equal table by table, row by row. */
  const expectEqualToFreshRebuild = async (t: TestDatabase) => {
    const pairs = await liveAndFreshDigests(t.db, t.url);
    expect([...new Set(pairs.map((p) => p.schemas.live))].sort()).toEqual([`rm_catalog_v${CATALOG_VERSION}`, `rm_figures_v${FIGURES_VERSION}`]);
    expect(pairs.map((p) => p.path).sort()).toEqual(['batches', 'batches', 'fill', 'fill']);
    for (const pair of pairs) {
      // Row by row first: a difference names its table and how many rows, where a digest only says "different".
      const differences = await schemaDifferences(t.db, pair.schemas.live, pair.schemas.fresh);
      expect(Object.keys(differences).length).toBeGreaterThanOrEqual(5);
      expect(Object.values(differences).every((n) => n === 0) ? {} : differences).toEqual({});
      expect(pair.live).toEqual(pair.fresh);
    }
    const figures = pairs.find((p) => p.name === 'figures')!;
    expect(figures.live.rows).toMatchObject({ figure_versions: expect.any(Number), citations: expect.any(Number) });
    expect(figures.live.rows.figure_versions).toBeGreaterThan(1000);
  };

  afterEach(async () => {
    for (const w of workers.splice(0)) {
      w.child.kill('SIGKILL');
      await w.exited;
    }
  });
  afterAll(async () => {
    for (const t of databases) await t.drop();
  });

  it('restarts after a crash mid-batch into read models equal, row for row, to a fresh rebuild', async () => {
    const { t, events, head } = await ledger();
    const doomed = worker(t, 100);
    await doomed.ready;
    // Mid-batch: the figures projector's session is inside a transaction.
    await eventually(
      async () => {
        const { rows } = await sql<{ busy: boolean }>`
        SELECT count(*) > 0 AS busy FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'factledger-projector:figures' AND xact_start IS NOT NULL`.execute(t.db);
        return rows[0]!.busy && Number((await figuresCheckpoint(t)).eventsApplied) > 500;
      },
      20_000,
      'the figures projector to be inside a batch',
    );
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const crashedAt = Number((await figuresCheckpoint(t)).eventsApplied);
    expect(crashedAt).toBeLessThan(events);
    // The row still names the dead owner as running; the status goes by the lock, which died with it.
    expect((await figuresCheckpoint(t)).state).toBe('running');
    await eventually(
      async () => {
        const status = (await projectionStatus(t.db, { name: 'figures' })).find((s) => s.version === s.activeVersion);
        return status?.state === 'stopped' && !status.locked;
      },
      10_000,
      'the status to say stopped',
    );

    const restarted = worker(t, 100);
    await restarted.ready;
    await waitForPosition(t.db, ['catalog', 'figures'], head, 20_000);
    expect(Number((await figuresCheckpoint(t)).eventsApplied)).toBe(events);
    await expectEqualToFreshRebuild(t);
  });

  it('stops on SIGTERM mid-catch-up after the batch in flight, releasing its claim, and a restart ends equal to a fresh rebuild', async () => {
    const { t, events, head } = await ledger();
    const stopping = worker(t, 100);
    await stopping.ready;
    await eventually(async () => Number((await figuresCheckpoint(t)).eventsApplied) > 500, 20_000, 'the figures read model to be under way');
    const signalled = Date.now();
    stopping.child.kill('SIGTERM');
    await stopping.exited;
    // Nest's shutdown hooks re-raise the signal once the app has closed.
    expect(stopping.child.signalCode).toBe('SIGTERM');
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const stoppedAt = await figuresCheckpoint(t);
    expect(Number(stoppedAt.eventsApplied)).toBeLessThan(events);
    // Released by the shutdown hook (a crash leaves its owner on the row, see above), not left to die with the session.
    expect(stoppedAt.owner).toBeNull();
    const status = (await projectionStatus(t.db, { name: 'figures' })).find((s) => s.version === s.activeVersion);
    expect(status).toMatchObject({ state: 'stopped', locked: false });
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'factledger-projector%'`.execute(
      t.db,
    );
    expect(rows[0]!.n).toBe(0);

    const restarted = worker(t, 100);
    await restarted.ready;
    await waitForPosition(t.db, ['catalog', 'figures'], head, 20_000);
    expect(Number((await figuresCheckpoint(t)).eventsApplied)).toBe(events);
    await expectEqualToFreshRebuild(t);
  });

  it('lets only one of two worker processes apply a read model; killing it hands over', async () => {
    const { t, head } = await ledger();
    const [a, b] = [worker(t, 100), worker(t, 100)];
    await Promise.all([a.ready, b.ready]);
    const owners = new Set<string>();
    await eventually(
      async () => {
        const checkpoint = await figuresCheckpoint(t);
        if (checkpoint.owner) owners.add(checkpoint.owner);
        return Number(checkpoint.eventsApplied) > 1500;
      },
      20_000,
      'the figures read model to be under way',
    );
    // One owner all along; the other process stands by on its own session.
    expect(owners.size).toBe(1);
    const [owner] = owners;
    const leader = [a, b].find((w) => owner!.includes(`:${w.pid}:`))!;
    const standby = leader === a ? b : a;
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'factledger-projector:figures'`.execute(
      t.db,
    );
    expect(rows[0]!.n).toBe(2);

    leader.child.kill('SIGKILL');
    await leader.exited;
    await eventually(async () => (await figuresCheckpoint(t)).owner?.includes(`:${standby.pid}:`), 10_000, 'the standby to take over');
    await waitForPosition(t.db, ['catalog', 'figures'], head, 20_000);
    expect(await figuresCheckpoint(t)).toMatchObject({ state: 'running' });
    await expectEqualToFreshRebuild(t);
  });
});
