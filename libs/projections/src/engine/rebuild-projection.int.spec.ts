import { sql } from 'kysely';
import { compareCheckpoints } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { activeSchema } from './active-schema';
import { loadCheckpoint } from './checkpoints.repository';
import { ensureProjection } from './ensure-projection';
import type { RebuildProgress } from './projection-runner';
import { projectionStatus } from './projection-status.repository';
import { rebuildProjection } from './rebuild-projection';
import { testEngines } from './testing/test-engines';
import { appendMany, countsIn, countsProjection, eventually, expectedCounts, visibleToReaders } from './testing/counts.projection';

describe('rebuilding a projection beside the live version (PostgreSQL)', () => {
  let t: TestDatabase;
  const releases: (() => void)[] = []; // opened in afterEach: a failed test must not leave a batch open
  const { engine, stopAll, caughtUp } = testEngines(() => t, { retiredSchemaGraceMs: 50 });
  const schemaExists = async (schema: string) =>
    (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_namespace WHERE nspname = ${schema}`.execute(t.db)).rows[0]!.n === 1;

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 10 });
  });
  afterEach(async () => {
    releases.splice(0).forEach((release) => release());
    await stopAll();
  });
  afterAll(() => t.drop());

  it('keeps readers on the live version until the new one caught up, then switches them and drops the old one', async () => {
    for (let i = 0; i < 5; i++) await appendMany(t.db, `rebuild-${i}`, 20);
    const live = engine({ definitions: [countsProjection('totals', 1)] });
    await live.start();
    await caughtUp('rm_totals_v1');

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    releases.push(release);
    let reachedSecondBatch!: () => void;
    const midway = new Promise<void>((r) => (reachedSecondBatch = r));
    let batches = 0;
    const next = countsProjection('totals', 2, {
      midBatch: async () => {
        if (++batches !== 2) return;
        reachedSecondBatch();
        await held;
      },
    });
    const progress: RebuildProgress[] = [];
    const rebuilding = rebuildProjection(t.db, next, {
      connectionString: t.url,
      batchSize: 30,
      retiredSchemaGraceMs: 50,
      onProgress: (p) => progress.push(p),
    });

    await midway;
    expect(await activeSchema(t.db, 'totals')).toBe('rm_totals_v1');
    expect(await countsIn(t.db, 'rm_totals_v1')).toEqual(await expectedCounts(t.db));
    // Not visible to anyone until the held batch ends: its transaction holds the gap-safe horizon.
    await appendMany(t.db, 'rebuild-during', 7);
    const during = await projectionStatus(t.db, { name: 'totals' });
    expect(during.map((s) => [s.version, s.activeVersion, s.state])).toEqual([
      [1, 1, 'running'],
      [2, 1, 'rebuilding'],
    ]);
    release();

    await expect(rebuilding).resolves.toEqual({ name: 'totals', version: 2, replacedVersion: 1 });
    expect(await activeSchema(t.db, 'totals')).toBe('rm_totals_v2');
    // The switch caught v2 up to at least v1's checkpoint: nobody who waited on v1 reads older data now.
    const [v1, v2] = [(await loadCheckpoint(t.db, 'totals', 1))!, (await loadCheckpoint(t.db, 'totals', 2))!];
    expect(compareCheckpoints(v2.checkpoint, v1.checkpoint)).toBeGreaterThanOrEqual(0);
    expect(await schemaExists('rm_totals_v1')).toBe(false);
    expect((await loadCheckpoint(t.db, 'totals', 1))!.state).toBe('stopped');
    await expect(live.exited('totals')).resolves.toBe('superseded');

    expect(progress.at(-1)).toMatchObject({ phase: 'switched', processed: Number(v2.eventsApplied), total: Number(v2.eventsApplied), version: 2 });
    expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));
    expect(progress.every((p) => p.processed <= p.total)).toBe(true);

    // The worker with the new definition takes v2 over as the active version.
    const upgraded = engine({ definitions: [countsProjection('totals', 2)] });
    await upgraded.start();
    await appendMany(t.db, 'rebuild-after', 2);
    await caughtUp('rm_totals_v2'); // everything, 'rebuild-during' included
    expect((await loadCheckpoint(t.db, 'totals', 2))!).toMatchObject({ state: 'running', owner: upgraded.owner });
  });

  it('rebuilds on its own when a worker starts with a newer version (rolling deploy)', async () => {
    await appendMany(t.db, 'deploy-1', 12);
    const old = engine({ definitions: [countsProjection('deployed', 1)] });
    await old.start();
    await caughtUp('rm_deployed_v1');

    const fresh = engine({ definitions: [countsProjection('deployed', 2)], rebuildBatchSize: 5 });
    await expect(ensureProjection(t.db, countsProjection('deployed', 2))).resolves.toEqual({ outcome: 'rebuilding', activeVersion: 1 });
    await fresh.start();
    await expect(old.exited('deployed')).resolves.toBe('superseded');
    await eventually(async () => (await activeSchema(t.db, 'deployed')) === 'rm_deployed_v2', 10_000, 'the switch');
    await caughtUp('rm_deployed_v2');
    await eventually(async () => !(await schemaExists('rm_deployed_v1')), 10_000, 'the old schema to be dropped');
    await expect(ensureProjection(t.db, countsProjection('deployed', 1))).resolves.toEqual({ outcome: 'superseded', activeVersion: 2 });
    await expect(ensureProjection(t.db, countsProjection('deployed', 2))).resolves.toEqual({ outcome: 'active', activeVersion: 2 });
  });

  it('refuses to rebuild a version that is not newer, and leaves the live version in place when a rebuild fails', async () => {
    await expect(ensureProjection(t.db, countsProjection('guarded', 1))).resolves.toEqual({ outcome: 'created', activeVersion: 1 });
    await expect(rebuildProjection(t.db, countsProjection('guarded', 1), { connectionString: t.url })).rejects.toMatchObject({
      code: 'projection.version_not_newer',
      kind: 'conflict',
    });

    await visibleToReaders(t.db, await appendMany(t.db, 'guarded-1', 3, (i) => ({ poison: i === 1 })));
    const failing = rebuildProjection(t.db, countsProjection('guarded', 2, { rejectPoison: true }), {
      connectionString: t.url,
      retiredSchemaGraceMs: 50,
    });
    await expect(failing).rejects.toMatchObject({ code: 'projection.rebuild_failed', message: expect.stringContaining('cannot count poison event') });
    expect(await activeSchema(t.db, 'guarded')).toBe('rm_guarded_v1');
    expect((await loadCheckpoint(t.db, 'guarded', 2))!.state).toBe('failed');

    // Running it again after the fix retries the failed version.
    await expect(
      rebuildProjection(t.db, countsProjection('guarded', 2), { connectionString: t.url, retiredSchemaGraceMs: 50 }),
    ).resolves.toMatchObject({ version: 2, replacedVersion: 1 });
    expect(await activeSchema(t.db, 'guarded')).toBe('rm_guarded_v2');
  });
});
