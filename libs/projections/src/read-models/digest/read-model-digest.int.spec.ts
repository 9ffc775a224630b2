import { sql } from 'kysely';
import { readAllAfter, START, type Checkpoint } from '@factledger/event-store';
import { loadConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadLedger } from '../../../../../bench/fixtures/million-events';
import { rebuildProjection, waitForPosition } from '../../engine';
import { ProjectorService } from '../projector-worker.module';
import { firstVersion, readModelSpec } from '../read-model-lineage';

const CATALOG = firstVersion(readModelSpec('catalog'));
const FIGURES = firstVersion(readModelSpec('figures'));
import { liveReadModelDigests } from './live-digests';
import { openReadModelReplay } from './read-model-replay';

describe('read-model digests and replays (PostgreSQL)', () => {
  let t: TestDatabase;
  let scratch: TestDatabase;
  let worker: ProjectorService;

  const replayAll = async (pageSize: number) => {
    const live = await liveReadModelDigests(t.db);
    const head = (
      await sql<{ transaction_id: string; position: string }>`
      SELECT transaction_id::text, position::text FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1`.execute(t.db)
    ).rows[0]!;
    const replay = await openReadModelReplay({
      scratchDb: scratch.url,
      models: live,
      lastEvent: { transactionId: head.transaction_id, position: head.position },
    });
    try {
      let after: Checkpoint = START;
      for (;;) {
        const page = await readAllAfter(t.db, after, { limit: pageSize });
        if (page.events.length === 0) break;
        // As served over HTTP: recordedAt an ISO string, data parsed from JSON text.
        const served = page.events.map((e) => JSON.parse(JSON.stringify(e)));
        for (const { name } of live) await replay.apply(name, served);
        after = page.checkpoint;
      }
      return { live, replayed: await Promise.all(live.map((m) => replay.digest(m.name))), location: replay.location };
    } finally {
      await replay.close();
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 6 });
    scratch = await createTestDatabase({ poolSize: 2 });
    await loadLedger(t.adminPool, { events: 2500, metrics: 3, sources: 8, reports: 20, chunk: 100 });
    worker = new ProjectorService(t.db, { ...loadConfig({}), databaseUrl: t.url }, { pollIntervalMs: 50, lockRetryMs: 100 });
    await worker.onModuleInit();
    const { rows } = await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db);
    await waitForPosition(t.db, ['catalog', 'figures'], rows[0]!.p, 30_000);
  });
  afterAll(async () => {
    await worker.onModuleDestroy();
    await t.drop();
    await scratch.drop();
  });

  it('replaying the log through the projection code in another database gives the live digests, and leaves nothing behind', async () => {
    const { live, replayed, location } = await replayAll(700);
    expect(live.map((m) => [m.name, m.version, m.eventsApplied])).toEqual([
      ['catalog', CATALOG, expect.stringMatching(/^2\d{3}$/)],
      ['figures', FIGURES, live[0]!.eventsApplied],
    ]);
    for (const [i, model] of live.entries()) {
      expect(model.tables.length).toBeGreaterThanOrEqual(7);
      expect(model.tables.every((table) => table.rows > 0)).toBe(true);
      expect(replayed[i]).toEqual({ algorithm: model.algorithm, digest: model.digest, tables: model.tables });
    }
    expect(location).toMatch(new RegExp(`^fl_replay_[0-9a-f]{8}_\\* in postgres://factledger_app@[^/]+/${scratch.name}$`));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_namespace WHERE nspname LIKE 'fl_replay_%'`.execute(scratch.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('is stable across a rebuild: the next generation digests like the live one it replaces', async () => {
    const before = await liveReadModelDigests(t.db);
    for (const name of ['catalog', 'figures']) {
      await rebuildProjection(t.db, readModelSpec(name).define(firstVersion(readModelSpec(name)) + 1), {
        connectionString: t.url,
        batchSize: 300,
        retiredSchemaGraceMs: 100,
      });
    }
    const after = await liveReadModelDigests(t.db);
    expect(after.map((m) => m.version)).toEqual([CATALOG + 1, FIGURES + 1]);
    expect(after.map(({ version: _, ...rest }) => rest)).toEqual(before.map(({ version: _, ...rest }) => rest));
  });

  it('changes in exactly the table whose row was altered behind the projector, and a replay disagrees', async () => {
    const before = await liveReadModelDigests(t.db, ['figures']);
    const schema = `rm_figures_v${before[0]!.version}`;
    await sql`UPDATE ${sql.id(schema, 'figure_versions')} SET quote = quote || '!' WHERE ctid = (SELECT min(ctid) FROM ${sql.id(schema, 'figure_versions')})`.execute(
      t.db,
    );
    const after = await liveReadModelDigests(t.db, ['figures']);
    expect(after[0]!.digest).not.toBe(before[0]!.digest);
    const changed = after[0]!.tables.filter((table, i) => table.digest !== before[0]!.tables[i]!.digest);
    expect(changed).toEqual([
      { name: 'figure_versions', rows: before[0]!.tables.find((x) => x.name === 'figure_versions')!.rows, digest: expect.any(String) },
    ]);
    const { replayed } = await replayAll(1000);
    expect(replayed[1]!.digest).toBe(before[0]!.digest);
  });

  it('refuses to replay a version built by other code', async () => {
    await expect(
      openReadModelReplay({ scratchDb: scratch.url, models: [{ name: 'figures', version: FIGURES + 1000 }], lastEvent: null }),
    ).rejects.toMatchObject({ code: 'replay.code_version' });
  });
});
