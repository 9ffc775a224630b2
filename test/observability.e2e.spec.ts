import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { createTestKey, METRICS, MetricsListener, type MetricsRegistry } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { createApp } from '../apps/api/src/create-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IngestionWorkerModule } from '../libs/ingestion/src/worker/ingestion-worker.module';
import { dropQueue, eventually, ingestionTestConfig, startWorkerContext } from '../libs/ingestion/src/testing/ingestion-test-apps';
import { registerTestCatalog } from '../libs/ingestion/src/testing/catalog-fixture';

/** Sum of the samples of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (match[2] ?? '').includes(`${k}="${v}"`))) sum += Number(match[3]);
  }
  return sum;
}

describe('Prometheus metrics on the API and the worker (real PostgreSQL and Redis)', () => {
  let t: TestDatabase;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;
  let config: ReturnType<typeof ingestionTestConfig>;
  let workerMetrics: () => Promise<string>;
  // The real API (createApp) and the real worker app (its projectors, sealer and ingestion), as in production.
  const h = {
    token: '',
    async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
      const { authorization = `Bearer ${h.token}`, ...rest } = headers;
      const response = await api.inject({
        method: method as never,
        url,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...rest, ...(authorization ? { authorization } : {}) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      let parsed: any = response.body;
      try {
        parsed = JSON.parse(response.body);
      } catch {
        /* the exposition format */
      }
      return { status: response.statusCode, headers: response.headers, body: parsed };
    },
    async ingest(body: unknown) {
      const submitted = await h.request('POST', '/v1/ingestions', body);
      expect(submitted.status).toBe(202);
      return eventually(
        async () => {
          const { body: job } = await h.request('GET', `/v1/ingestions/${submitted.body.jobId}`);
          return job?.state === 'completed' || job?.state === 'failed' ? job : null;
        },
        20_000,
        'the job',
      );
    },
  };
  const apiMetrics = async () => {
    const response = await h.request('GET', '/metrics');
    expect(response.status).toBe(200);
    return response.body as string;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    config = ingestionTestConfig(t.url, { sealerDatabaseUrl: t.sealerUrl, workerMetricsListen: '127.0.0.1:0' });
    api = await createApp(config, { logger: false });
    worker = await startWorkerContext([WorkerModule.forRoot(config), IngestionWorkerModule]);
    h.token = (await createTestKey(t.db)).token;
    await registerTestCatalog(h as never);
    const { port } = worker.get(MetricsListener).address!;
    workerMetrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (t) await dropQueue(config, t.db);
    await t?.drop();
  });

  it('refuses /metrics on the API port without an admin key: 401 anonymous, 403 for a reader', async () => {
    expect((await h.request('GET', '/metrics', undefined, { authorization: '' })).status).toBe(401);
    const reader = await createTestKey(t.db, ['reader', 'reporter']);
    const refused = await h.request('GET', '/metrics', undefined, { authorization: `Bearer ${reader.token}` });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });

  it('an append moves the append counters, and requests are counted by route pattern', async () => {
    const before = await apiMetrics();
    const created = await h.request('POST', '/v1/sources', { sourceId: 'obs-src', name: 'Observability Wire', kind: 'media', country: 'FR' });
    expect(created.status).toBe(201);
    await h.request('GET', '/v1/sources/obs-src/figures');
    const after = await apiMetrics();
    expect(sample(after, 'factledger_appended_events_total')).toBeGreaterThan(sample(before, 'factledger_appended_events_total'));
    expect(sample(after, 'factledger_append_duration_seconds_count', { outcome: 'written' })).toBeGreaterThan(
      sample(before, 'factledger_append_duration_seconds_count', { outcome: 'written' }),
    );
    expect(sample(after, 'factledger_http_requests_total', { method: 'POST', route: '/v1/sources', status_code: '201' })).toBeGreaterThanOrEqual(1);
    // The pattern, never the raw URL: one series whatever the id.
    expect(after).toMatch(/factledger_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/sources\/:[a-zA-Z]+\/figures"/);
    expect(after).not.toContain('route="/v1/sources/obs-src/figures"');
    // A retry with the same Idempotency-Key: answered from the stored response, counted as a replay.
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await h.request(
            'POST',
            '/v1/sources',
            { sourceId: 'obs-src-2', name: 'Observability Wire 2', kind: 'media', country: 'FR' },
            { 'idempotency-key': 'obs-retry-1' },
          )
        ).status,
      ).toBe(201);
    }
    expect(sample(await apiMetrics(), 'factledger_append_idempotent_replays_total', { via: 'idempotency_key' })).toBe(1);
    // Version conflict: a stale If-Match.
    const conflict = await h.request('PATCH', '/v1/sources/obs-src', { name: 'Observability Wire (renamed)' }, { 'if-match': '"99"' });
    expect(conflict.status).toBe(412);
    expect(sample(await apiMetrics(), 'factledger_http_requests_total', { method: 'PATCH', status_code: '412' })).toBe(1);
    for (const name of [
      'factledger_db_pool_connections',
      'factledger_read_model_lag_events',
      'factledger_sealer_tree_size',
      'factledger_queue_jobs',
      'process_cpu_user_seconds_total',
    ]) {
      expect(after).toContain(`# TYPE ${name} `);
    }
    expect(sample(after, 'factledger_read_model_state', { read_model: 'figures' })).toBeGreaterThanOrEqual(1);
  });

  it("a projection batch and an ingestion job move the worker's counters, served on its private listener", async () => {
    const before = await workerMetrics();
    const job = await h.ingest({
      kind: 'structured',
      report: { publisher: 'Example Wire', title: 'Metrics check', publishedAt: '2024-10-28', language: 'en' },
      figures: [
        {
          metricKey: 'north_korean_troops_in_russia',
          source: 'MIVD',
          qualifier: 'approximately',
          value: 11000,
          validAt: '2024-10-28',
          quote: 'about 11,000',
        },
      ],
    });
    expect(job.state).toBe('completed');
    const after = await eventually(
      async () => {
        const text = await workerMetrics();
        return sample(text, 'factledger_projection_batches_total', { read_model: 'figures' }) >
          sample(before, 'factledger_projection_batches_total', { read_model: 'figures' })
          ? text
          : null;
      },
      10_000,
      'a figures batch',
    );
    const completed = { name: 'ingest-structured', outcome: 'completed' };
    expect(sample(after, 'factledger_queue_jobs_finished_total', completed)).toBe(
      sample(before, 'factledger_queue_jobs_finished_total', completed) + 1,
    );
    expect(sample(after, 'factledger_extraction_duration_seconds_count', { kind: 'structured' })).toBeGreaterThan(
      sample(before, 'factledger_extraction_duration_seconds_count', { kind: 'structured' }),
    );
    expect(sample(after, 'factledger_projection_events_total')).toBeGreaterThan(sample(before, 'factledger_projection_events_total'));
    expect(sample(after, 'factledger_appended_events_total')).toBeGreaterThan(sample(before, 'factledger_appended_events_total'));
    expect(after).toContain('app="factledger-worker"');
    // The listener serves /metrics only.
    expect((await fetch(`http://127.0.0.1:${worker.get(MetricsListener).address!.port}/other`)).status).toBe(404);
    expect((worker.get(METRICS) as MetricsRegistry).contentType).toMatch(/^text\/plain/);
  });
});

describe('structured JSON logs of a real API', () => {
  it('writes one access line per request with its fields, and error lines carry the request id', async () => {
    const t = await createTestDatabase();
    const lines: Record<string, any>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = await createApp(ingestionTestConfig(t.url, { logLevel: 'log' }), { logDestination: destination });
    try {
      const key = await createTestKey(t.db);
      const auth = { authorization: `Bearer ${key.token}` };
      const read = await app.inject({
        method: 'GET',
        url: '/v1/sources/nobody/figures',
        headers: { ...auth, 'x-request-id': 'req-log-1', 'x-correlation-id': 'corr-log-1' },
      });
      const access = lines.find((l) => l.requestId === 'req-log-1' && l.msg === 'request completed');
      expect(access).toMatchObject({
        level: 30,
        context: 'access',
        method: 'GET',
        route: expect.stringMatching(/^\/v1\/sources\/:\w+\/figures$/),
        status: read.statusCode,
        correlationId: 'corr-log-1',
        principal: key.keyId,
      });
      expect(typeof access!.durationMs).toBe('number');
      expect(JSON.stringify(lines)).not.toContain(key.token);

      // An internal error: the log loses its table under the API.
      await sql`ALTER TABLE events RENAME TO events_away`.execute(t.adminDb);
      try {
        const failed = await app.inject({ method: 'GET', url: '/v1/events', headers: { ...auth, 'x-request-id': 'req-log-2' } });
        expect(failed.statusCode).toBe(500);
        expect(failed.json()).toMatchObject({ requestId: 'req-log-2' });
      } finally {
        await sql`ALTER TABLE events_away RENAME TO events`.execute(t.adminDb);
      }
      const errors = lines.filter((l) => l.level >= 50);
      expect(errors.length).toBeGreaterThan(0);
      for (const line of errors) expect(line.requestId).toBe('req-log-2');
      expect(lines.find((l) => l.requestId === 'req-log-2' && l.msg === 'request completed')).toMatchObject({ status: 500, route: '/v1/events' });
    } finally {
      await app.close();
      await t.drop();
    }
  });
});
