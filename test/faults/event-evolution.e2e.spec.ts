import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { PostgresEventStore, type EventStoreTables } from '@factledger/event-store';
import { loadConfig } from '@factledger/platform';
import { runCli } from '../../apps/cli/src/program';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { waitForPosition } from '../../libs/projections/src/engine';
import { liveAndFreshDigests } from '../../libs/projections/src/read-models/testing/fresh-rebuild-digests';
import { homesFigure, startFleet, structuredBatch, type Fleet } from '../support/ledger-processes';

const report = (reportId: string, extra: Record<string, unknown> = {}) => ({
  reportId,
  publisher: 'Kyiv Independent',
  title: `Report ${reportId}`,
  publishedAt: '2026-03-12',
  language: 'en',
  ...extra,
});
const job = (title: string, validAt: string, value: number) => structuredBatch(title, [homesFigure('Valley Fire Service', validAt, value)]);

/**
 * Issue 19, event evolution with several processes running (README
 * "Operations → Upgrading"): `report.registered` gains a v2. One API and two
 * worker processes run against one database throughout, none restarted:
 * during the expand phase every writer (the API, both workers' ingestion)
 * stores v1, which the previous release reads, and a zone (v2 only) is refused
 * rather than dropped; the operator's switch makes every process write v2 at
 * its next write; v1 and v2 are read side by side by the deciders and the read
 * models, which equal a fresh rebuild, and the API answers the v1 reports as
 * before. A process meeting a version it does not know (here: v3, as from a
 * newer release) stops its read models, failed and loud, instead of skipping.
 */
describe('event evolution: report.registered.v1 → v2 with two workers and an API running', () => {
  let fleet: Fleet;
  const request = (method: string, url: string, body?: unknown) => fleet.request(method, url, body);
  const storedTypes = async () =>
    (
      await fleet.admin.query<{ type: string }>(`SELECT event_type AS type FROM events WHERE event_type LIKE 'report.registered.%' ORDER BY position`)
    ).rows.map((r) => r.type);
  const ingest = async (body: unknown) => {
    const submitted = await request('POST', '/v1/ingestions', body);
    expect(submitted.status).toBe(202);
    const view = await eventually(
      async () => {
        const v = (await request('GET', `/v1/ingestions/${submitted.body.jobId}`)).body;
        return v?.state === 'completed' || v?.state === 'failed' ? v : null;
      },
      60_000,
      'the ingestion job to finish',
    );
    expect(view.state).toBe('completed');
    return view.result.report.reportId as string;
  };
  const cli = async (args: string[]) => {
    let out = '';
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: fleet.postgres.url,
      MIGRATION_DATABASE_URL: fleet.postgres.ownerUrl,
      REDIS_URL: fleet.redis.url,
    });
    const code = await runCli(args, { stdout: (t) => void (out += t), stderr: (t) => void (out += t), config: () => config });
    return { code, out };
  };
  /** Waits for both read models to reach the log's head; with `compare`, digests them and a fresh rebuild (once per database). */
  const caughtUp = async (compare = false) => {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fleet.postgres.url, max: 3 }) }) });
    try {
      const { rows } = await fleet.admin.query<{ head: string }>('SELECT max(position)::text AS head FROM events');
      await waitForPosition(db, ['catalog', 'figures'], rows[0]!.head, 30_000);
      return compare ? await liveAndFreshDigests(db, fleet.postgres.url) : [];
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    fleet = await startFleet(2);
  }, 240_000);
  afterAll(() => fleet?.stop());

  it('writes v1 during the expand phase, v2 after the switch, reads both everywhere, and stops loudly at an unknown version', async () => {
    // Expand: the migration left the switch at 1.
    expect((await cli(['event-versions'])).out).toContain('report.registered: writes version 1');
    expect((await request('POST', '/v1/reports', report('expand-api'))).status).toBe(201);
    const zoned = await request('POST', '/v1/reports', report('expand-zoned', { publishedZone: 'Europe/Kyiv' }));
    expect(zoned.status).toBe(422);
    expect(zoned.body.code).toBe('report.published_zone_not_yet');
    const expandJobs = [await ingest(job('Expand one', '2026-03-10', 900)), await ingest(job('Expand two', '2026-03-11', 950))];
    expect(await storedTypes()).toEqual(['report.registered.v1', 'report.registered.v1', 'report.registered.v1']);
    await caughtUp();
    const before = (await request('GET', `/v1/reports/${expandJobs[0]}`)).body.data;
    expect(before).toMatchObject({ reportId: expandJobs[0], publisher: 'Valley Courier', publishedZone: null });

    // Contract: the operator switches it while every process runs; no restart.
    const switched = await cli(['event-versions', 'set', 'report.registered', '2']);
    expect(switched.out).toContain('report.registered: writes version 2 (was 1)');
    expect(switched.out).toMatch(/connected now: .*factledger/);
    expect(switched.code).toBe(0);
    const created = await request('POST', '/v1/reports', report('contract-zoned', { publishedZone: 'Europe/Kyiv' }));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ publishedZone: 'Europe/Kyiv' });
    await ingest(job('Contract one', '2026-03-12', 1000));
    expect(await storedTypes()).toEqual([
      'report.registered.v1',
      'report.registered.v1',
      'report.registered.v1',
      'report.registered.v2',
      'report.registered.v2',
    ]);
    // A decider reads a v1 stream after the switch (update), the read side both versions side by side.
    expect((await request('PATCH', '/v1/reports/expand-api', { title: 'Retitled' })).status).toBe(200);

    // The read models equal a rebuild from the log; the v1 reports answer as before, the v2 one with its zone.
    const pairs = await caughtUp(true);
    expect(pairs.map((p) => `${p.name} by ${p.path}`).sort()).toEqual([
      'catalog by batches',
      'catalog by fill',
      'figures by batches',
      'figures by fill',
    ]);
    for (const pair of pairs) expect(pair.live).toEqual(pair.fresh);
    expect((await request('GET', `/v1/reports/${expandJobs[0]}`)).body.data).toEqual(before);
    expect((await request('GET', '/v1/reports/expand-api')).body.data).toMatchObject({ title: 'Retitled', publishedZone: null, streamVersion: 2 });
    expect((await request('GET', '/v1/reports/contract-zoned')).body.data).toMatchObject({ publishedZone: 'Europe/Kyiv' });

    // A version these processes do not know, as a newer release would append it: the read models stop, failed, naming it.
    const newer = new Kysely<EventStoreTables>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fleet.postgres.url, max: 1 }) }),
    });
    const v3 = randomUUID();
    try {
      const store = new PostgresEventStore(newer, undefined, { groupCommit: false });
      await store.append('report-from-the-future', [
        { id: v3, type: 'report.registered.v3', data: { reportId: 'from-the-future' }, metadata: { actor: 'test' } },
      ]);
    } finally {
      await newer.destroy();
    }
    const failed = await eventually(
      async () => {
        const { rows } = await fleet.admin.query<{ name: string; state: string; error: string }>(
          `SELECT name, state, error FROM projection_checkpoints WHERE state = 'failed' ORDER BY name`,
        );
        return rows.length === 2 ? rows : null;
      },
      30_000,
      'both read models to stop',
    );
    for (const row of failed)
      expect(row.error).toMatch(
        new RegExp(`event ${v3} at position \\d+ of report-from-the-future: stored event type report.registered.v3 .* written by a newer release`),
      );
    expect(failed.map((r) => r.name)).toEqual(['catalog', 'figures']);
    expect((await request('GET', '/v1/reports/contract-zoned')).status).toBe(200);
  }, 420_000);
});
