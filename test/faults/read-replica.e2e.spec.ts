import pg from 'pg';
import {
  startPrivatePostgres,
  startPrivateRedis,
  startPrivateReplica,
  type PrivateCluster,
  type PrivatePostgres,
  type PrivateRedis,
} from '@factledger/testing';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { call, issueKey, killProcess, startApiProcess, startWorkerProcess, type LedgerProcess } from '../support/ledger-processes';
import { METRIC, REPORTS, SOURCES, figureBody } from '../support/scenario';

const estimate = `/v1/metrics/${METRIC.key}/estimate`;
const withPort = (url: string, port: number) => Object.assign(new URL(url), { port: String(port) }).toString();

/**
 * Issue 14, reads on a streaming replica: a private primary and a hot standby
 * made from it with `pg_basebackup -R` (on another port), a real API process
 * with DATABASE_URL on the primary and READ_DATABASE_URL on the standby, and a
 * worker on the primary. The test pauses the standby's replay
 * (pg_wal_replay_pause) to hold it behind the primary: what the API then
 * answers shows where each request ran.
 */
describe('reads served by a PostgreSQL streaming replica', () => {
  let primary: PrivatePostgres;
  let standby: PrivateCluster;
  let redis: PrivateRedis;
  let api: LedgerProcess & { base: string };
  let worker: LedgerProcess;
  let token: string;
  let standbyAdmin: pg.Pool;
  let primaryAdmin: pg.Pool;
  let first: string;
  const request = (method: string, url: string, body?: unknown) => call(api.base, token, method, url, { body, boundMs: 10_000 });
  const post = async (url: string, body: unknown) => {
    const answer = await request('POST', url, body);
    if (answer.status !== 201) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string; position: string };
  };
  const addFigure = (value: number) =>
    post(
      '/v1/figures',
      figureBody(SOURCES.mivd.sourceId, { qualifier: 'approximately', value }, '2024-10-28', REPORTS.oct28.reportId, `about ${value}`),
    );
  /** The primary's figures model has applied `position` (the worker runs on the primary). */
  const appliedOnPrimary = (position: string) =>
    eventually(
      async () => {
        const { rows } = await primaryAdmin.query(
          `SELECT c.position >= $1::bigint AS reached FROM projection_registry r JOIN projection_checkpoints c ON c.name = r.name AND c.version = r.active_version WHERE r.name = 'figures'`,
          [position],
        );
        return rows[0]?.reached === true;
      },
      30_000,
      `the primary's figures model to apply ${position}`,
    );
  const cacheStats = async () =>
    (await request('GET', '/v1/projections')).body.estimateCache as {
      listening: boolean;
      hits: number;
      stored: number;
      partialInvalidations: number;
      invalidations: number;
    };
  const exportPositions = async () => {
    const answer = await request('GET', '/v1/events/export');
    expect(answer.status).toBe(200);
    return (answer.body as string)
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { position: string }).position);
  };
  /** Opens a live tail; `until(text)` resolves with everything received once `text` has been. */
  const openTail = async () => {
    const controller = new AbortController();
    const response = await fetch(`${api.base}/v1/events/tail`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (text: string) => {
      while (!received.includes(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the tail ended before ${text}`);
        received += value;
      }
      return received;
    };
    return { until, received: () => received, close: () => controller.abort() };
  };
  const feedPositions = async () => ((await request('GET', '/v1/events?limit=1000')).body.events as { position: string }[]).map((e) => e.position);

  beforeAll(async () => {
    [primary, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    standby = await startPrivateReplica(primary.port);
    standbyAdmin = new pg.Pool({ connectionString: standby.adminUrl('factledger'), max: 1 });
    primaryAdmin = new pg.Pool({ connectionString: primary.adminUrl, max: 1 });
    standbyAdmin.on('error', () => undefined);
    token = await issueKey(primary.url);
    const target = {
      postgres: primary,
      redisUrl: redis.url,
      env: { READ_DATABASE_URL: withPort(primary.url, standby.port), READ_WAIT_TIMEOUT_MS: '1500' },
    };
    [api, worker] = await Promise.all([startApiProcess(target), startWorkerProcess(target)]);
    await post('/v1/metrics', METRIC);
    await post('/v1/sources', SOURCES.mivd);
    await post('/v1/reports', REPORTS.oct28);
    first = (await addFigure(3000)).position;
    await eventually(async () => (await cacheStats()).listening, 20_000, 'the estimate cache to listen');
  }, 240_000);
  afterAll(async () => {
    await killProcess(api);
    await killProcess(worker);
    await standbyAdmin?.end();
    await primaryAdmin?.end();
    await standby?.destroy();
    await redis?.destroy();
    await primary?.destroy();
  });

  it('is a real standby, and the API reads on it: a minPosition read gets the write; /health reports it', async () => {
    expect((await standbyAdmin.query('SELECT pg_is_in_recovery() AS standby')).rows[0]).toEqual({ standby: true });
    const answer = await request('GET', `${estimate}?minPosition=${first}`);
    expect(answer.status).toBe(200);
    expect(answer.body.basis.position).toBe(first);
    const { rows } = await standbyAdmin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'factledger' AND application_name = 'factledger-api:read'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    const health = await request('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', checks: { replica: { status: 'up', standby: true } } });
  });

  it('with replay held: writes go on, minPosition waits for the replica (503 after the bound), the feed, export and estimate show the replica', async () => {
    const tail = await openTail();
    await tail.until(': connected');
    await standbyAdmin.query('SELECT pg_wal_replay_pause()');
    const partial = (await cacheStats()).partialInvalidations;
    const held = (await addFigure(4000)).position;
    await appliedOnPrimary(held);
    // The primary's notice of that batch reached the API's cache (LISTEN is on the primary).
    await eventually(async () => (await cacheStats()).partialInvalidations > partial, 10_000, 'the notice to reach the cache');

    const waited = await request('GET', `${estimate}?minPosition=${held}`);
    expect(waited).toMatchObject({ status: 503, body: { code: 'projection.wait_timeout' } });
    expect(waited.contentType).toContain('application/problem+json');

    // Answers are exact for the replica's basis, and are not cached: the notice is ahead of it.
    const before = await cacheStats();
    for (let i = 0; i < 3; i++) expect((await request('GET', estimate)).body.basis.position).toBe(first);
    expect((await cacheStats()).stored).toBe(before.stored);
    expect(await feedPositions()).not.toContain(held);
    expect(await exportPositions()).not.toContain(held);
    const health = await request('GET', '/health');
    expect(health.body.checks.replica).toMatchObject({ status: 'up', standby: true });
    expect(health.body.checks.replica.lagBytes).toBeGreaterThan(0);

    await standbyAdmin.query('SELECT pg_wal_replay_resume()');
    const caught = await request('GET', `${estimate}?minPosition=${held}`);
    expect(caught.status).toBe(200);
    expect(caught.body.basis.position).toBe(held);
    // The head answer is the new one (a stale one cached while replay was held would say `first`), then cached.
    expect((await request('GET', estimate)).body.basis.position).toBe(held);
    const hits = (await cacheStats()).hits;
    expect((await request('GET', estimate)).body).toEqual(caught.body);
    expect((await cacheStats()).hits).toBe(hits + 1);
    expect(await feedPositions()).toContain(held);
    expect(await exportPositions()).toContain(held);
    // The live tail (reading on the replica, woken by the primary's notifications) delivers the event once replayed.
    expect(await tail.until(`"position":"${held}"`)).toContain('event: event');
    tail.close();
  }, 60_000);

  it('with the replica stopped: reads answer 503 problem+json, writes go on, /health is degraded; started again, reads come back', async () => {
    await standby.stop('fast');
    const read = await request('GET', `${estimate}?validAt=2024-10-28`);
    expect(read.status).toBe(503);
    expect(read.contentType).toContain('application/problem+json');
    expect((await request('GET', '/v1/events')).status).toBe(503);
    const written = (await addFigure(5000)).position;
    expect((await request('GET', '/health')).body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, replica: { status: 'down' } },
    });

    await standby.start();
    await appliedOnPrimary(written);
    const answer = await eventually(
      async () => {
        const a = await request('GET', `${estimate}?minPosition=${written}`);
        return a.status === 200 ? a : null;
      },
      30_000,
      'reads on the restarted replica',
    );
    expect(answer.body.basis.position).toBe(written);
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
  }, 90_000);
});
