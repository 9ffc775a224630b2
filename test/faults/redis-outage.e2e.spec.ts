import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from '@factledger/testing';
import { eventually } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { call, issueKey, killProcess, startApiProcess, startWorkerProcess, type LedgerProcess } from '../support/ledger-processes';

const batch = (title: string) => ({
  kind: 'structured',
  report: { publisher: 'Valley Courier', title, publishedAt: '2026-03-12', language: 'en' },
  figures: [
    {
      metricKey: 'homes_evacuated',
      source: 'Valley Fire Service',
      qualifier: 'approximately',
      value: 1200,
      validAt: '2026-03-11',
      quote: 'about 1,200 homes',
    },
  ],
});

/**
 * Issue 14, Redis lost: a real API process and a real worker on private
 * PostgreSQL and Redis servers; the test stops that Redis and starts it again
 * (the machine's shared one is never touched). Neither process is restarted.
 */
describe('Redis stopped and started again under a running API and worker', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let api: LedgerProcess & { base: string };
  let worker: LedgerProcess;
  let token: string;
  const request = (method: string, url: string, body?: unknown) => call(api.base, token, method, url, { body, boundMs: 10_000 });
  /** Submits and waits for the job to complete, through the API. */
  const ingest = async (title: string) => {
    const submitted = await request('POST', '/v1/ingestions', batch(title));
    expect(submitted.status).toBe(202);
    return eventually(
      async () => {
        const { body } = await request('GET', `/v1/ingestions/${submitted.body.jobId}`);
        return body?.state === 'completed' || body?.state === 'failed' ? body : null;
      },
      30_000,
      `job ${submitted.body.jobId} to finish`,
    );
  };
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    token = await issueKey(postgres.url);
    const target = { postgres, redisUrl: redis.url };
    [api, worker] = await Promise.all([startApiProcess(target), startWorkerProcess(target)]);
    expect((await request('POST', '/v1/metrics', { key: 'homes_evacuated', label: 'Homes evacuated', unit: 'count' })).status).toBe(201);
    expect(
      (await request('POST', '/v1/sources', { sourceId: 'valley-fire-service', name: 'Valley Fire Service', kind: 'government', country: 'US' }))
        .status,
    ).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await killProcess(api);
    await killProcess(worker);
    await redis?.destroy();
    await postgres?.destroy();
  });

  it('ingests before the outage', async () => {
    expect(await ingest('Before the outage')).toMatchObject({ state: 'completed', result: { report: { created: true } } });
    expect((await request('GET', '/health')).body).toMatchObject({ status: 'ok', checks: { redis: { status: 'up' } } });
  });

  it('with Redis down: queries and direct writes work, ingestion answers 503 problem+json, /health says degraded', async () => {
    await redis.stop();
    await eventually(async () => (await request('GET', '/health')).body?.checks?.redis?.status === 'down', 20_000, '/health to see Redis down');
    const health = await request('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down' } } } });

    const submitted = await request('POST', '/v1/ingestions', batch('During the outage'));
    expect(submitted.status).toBe(503);
    expect(submitted.contentType).toContain('application/problem+json');
    expect(submitted.body).toMatchObject({ status: 503, code: 'ingestion.queue_unavailable' });

    expect(
      (await request('POST', '/v1/sources', { sourceId: 'valley-sheriff', name: 'Valley Sheriff', kind: 'government', country: 'US' })).status,
    ).toBe(201);
    const stream = await request('GET', '/v1/streams/source-valley-sheriff/events');
    expect(stream.status).toBe(200);
    expect(stream.body.events).toEqual([expect.objectContaining({ type: 'source.registered.v1' })]);
    expect((await request('GET', '/v1/metrics/homes_evacuated')).status).toBe(200);
    const figures = await request('GET', '/v1/metrics/homes_evacuated/figures');
    expect(figures.status).toBe(200);
  });

  it('with Redis back: ingestion resumes in the same processes, and /health is ok again', async () => {
    await redis.start();
    await eventually(async () => (await request('GET', '/health')).body?.status === 'ok', 30_000, '/health to be ok again');
    // The API's queue connection comes back by itself (its reconnect backs off: not at once), and the worker's too: a job submitted now completes.
    let refused: unknown;
    await eventually(
      async () => {
        const answer = await request('POST', '/v1/ingestions', batch('Probe after the outage'));
        refused = answer.body;
        return answer.status === 202 ? answer : null;
      },
      30_000,
      'ingestion to accept again',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last answer: ${JSON.stringify(refused)}`);
    });
    expect(await ingest('After the outage')).toMatchObject({ state: 'completed', result: { report: { created: true } } });
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
  }, 60_000);
});
