import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { IngestionApiModule } from '../../libs/ingestion/src/http/ingestion-api.module';
import { IngestionWorkerModule } from '../../libs/ingestion/src/worker/ingestion-worker.module';
import { ingestionQueuePrefix } from '../../libs/ingestion/src/queue/ingestion-bull';
import { IngestionHarness } from '../../libs/ingestion/src/testing/ingestion-harness';
import { registerTestCatalog } from '../../libs/ingestion/src/testing/catalog-fixture';

const body = {
  kind: 'structured',
  report: { reportId: 'scope-wire-1', publisher: 'Example Wire', title: 'One figure', publishedAt: '2024-10-28', language: 'en' },
  figures: [
    {
      metricKey: 'north_korean_troops_in_russia',
      source: 'Ukrainian intelligence',
      qualifier: 'approximately',
      value: 11000,
      validAt: '2024-10-28',
      quote: 'about 11,000 of them',
    },
  ],
};

describe('the ingestion queue is scoped by ledger: one Redis, one QUEUE_PREFIX, two ledger databases', () => {
  const queuePrefix = `test-ledger-scope-${randomBytes(4).toString('hex')}`;
  let first: TestDatabase;
  let second: TestDatabase;
  let a: IngestionHarness;
  let b: IngestionHarness;
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    // Test databases are clones of one template: give the second a ledger identity of its own, as a separate migration would.
    await second.adminPool.query('UPDATE ledger_identity SET ledger_id = gen_random_uuid()');
    const apps = {
      api: (config: AppConfig) => [AppModule.forRoot(config), IngestionApiModule],
      worker: (config: AppConfig) => [WorkerModule.forRoot(config), IngestionWorkerModule],
      config: { queuePrefix },
    };
    a = await IngestionHarness.start(first, apps);
    b = await IngestionHarness.start(second, apps);
    await Promise.all([registerTestCatalog(a), registerTestCatalog(b)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('keys each ledger under QUEUE_PREFIX and its own identity', async () => {
    const [pa, pb] = await Promise.all([ingestionQueuePrefix({ queuePrefix }, first.db), ingestionQueuePrefix({ queuePrefix }, second.db)]);
    expect(pa).toMatch(new RegExp(`^${queuePrefix}:[0-9a-f-]{36}$`));
    expect(pb).toMatch(new RegExp(`^${queuePrefix}:[0-9a-f-]{36}$`));
    expect(pa).not.toBe(pb);
  });

  it('content ingested into one ledger is ingested again into the other, not answered as "already there"', async () => {
    const inA = await a.request('POST', '/v1/ingestions', body);
    expect(inA.body).toMatchObject({ created: true });
    expect(await a.finished(inA.body.jobId)).toMatchObject({ state: 'completed', result: { figuresReported: 1 } });
    expect((await a.request('POST', '/v1/ingestions', body)).body).toMatchObject({ jobId: inA.body.jobId, created: false });

    const before = await b.eventCount();
    const inB = await b.request('POST', '/v1/ingestions', body);
    expect(inB.body).toMatchObject({ jobId: inA.body.jobId, created: true });
    expect(await b.finished(inB.body.jobId)).toMatchObject({ state: 'completed', result: { figuresReported: 1 } });
    expect(await b.eventCount()).toBeGreaterThan(before);
  });
});
