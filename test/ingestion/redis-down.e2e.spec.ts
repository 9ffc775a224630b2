import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestKey, type IssuedKey } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { IngestionApiModule } from '../../libs/ingestion/src/http/ingestion-api.module';
import { ingestionTestConfig, startHttpApp } from '../../libs/ingestion/src/testing/ingestion-test-apps';

describe('ingestion API with Redis down', () => {
  let t: TestDatabase;
  let app: NestFastifyApplication;
  let key: IssuedKey;
  beforeAll(async () => {
    t = await createTestDatabase();
    key = await createTestKey(t.db);
    // Nothing listens on port 1: every connection is refused. Budgets of 2 requests: with Redis up the third would be 429.
    const config = ingestionTestConfig(t.url, { redisUrl: 'redis://127.0.0.1:1', rateLimitReads: 2, rateLimitWrites: 2 });
    app = await startHttpApp([AppModule.forRoot(config), IngestionApiModule], config);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const request = (method: string, url: string, body?: unknown) => {
    const headers = { authorization: `Bearer ${key.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    return app.inject({ method: method as never, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  };

  it('answers the ingestion endpoints with 503 problem+json at once', async () => {
    const body = {
      kind: 'structured',
      report: { publisher: 'P', title: 'T', publishedAt: '2024-10-28', language: 'en' },
      figures: [{ metricKey: 'north_korean_troops_in_russia', source: 'HUR', qualifier: 'exact', value: 1, validAt: '2024-10-28', quote: 'q' }],
    };
    for (const [method, url, payload] of [
      ['POST', '/v1/ingestions', body],
      ['GET', '/v1/ingestions', undefined],
      ['GET', `/v1/ingestions/structured-${'0'.repeat(64)}`, undefined],
    ] as const) {
      const started = Date.now();
      const response = await request(method, url, payload);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 503, code: 'ingestion.queue_unavailable' });
    }
  });

  it('keeps the rest of the API working: health degraded, writes accepted', async () => {
    const health = await request('GET', '/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down' } } });
    const metric = await request('POST', '/v1/metrics', {
      key: 'north_korean_troops_in_russia',
      label: 'North Korean troops in Russia',
      unit: 'troops',
    });
    expect(metric.statusCode).toBe(201);
  });

  it('lets requests through at once when the rate limiter cannot reach Redis (fail open)', async () => {
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const response = await request('GET', '/v1/events?limit=1');
      expect(Date.now() - started).toBeLessThan(500);
      expect(response.statusCode).toBe(200);
    }
    for (const take of [1, 2, 3]) {
      expect((await request('PATCH', '/v1/metrics/north_korean_troops_in_russia', { description: `take ${take}` })).statusCode).toBe(200);
    }
  });
});
