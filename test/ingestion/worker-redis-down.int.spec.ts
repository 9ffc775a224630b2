import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { IngestionWorkerModule } from '../../libs/ingestion/src/worker/ingestion-worker.module';
import { ingestionTestConfig, startWorkerContext } from '../../libs/ingestion/src/testing/ingestion-test-apps';

describe('ingestion worker with Redis down', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('starts, and stops promptly', async () => {
    const config = ingestionTestConfig(t.url, { sealerDatabaseUrl: t.sealerUrl, redisUrl: 'redis://127.0.0.1:1' });
    const worker = await startWorkerContext([WorkerModule.forRoot(config), IngestionWorkerModule]);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
