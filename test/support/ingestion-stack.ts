import { createTestDatabase, enforceContract, type TestDatabase } from '@factledger/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { IngestionApiModule } from '../../libs/ingestion/src/http/ingestion-api.module';
import { IngestionWorkerModule } from '../../libs/ingestion/src/worker/ingestion-worker.module';
import { IngestionHarness, type HarnessOptions } from '../../libs/ingestion/src/testing/ingestion-harness';
import { registerTestCatalog } from '../../libs/ingestion/src/testing/catalog-fixture';

export interface IngestionStack {
  t: TestDatabase;
  h: IngestionHarness;
  close(): Promise<void>;
}

/** The API and the worker apps (ingestion, projections) on a private database, with the test catalog registered. */
export async function startIngestionStack(options: Pick<HarnessOptions, 'config' | 'hooks'> = {}): Promise<IngestionStack> {
  const t = await createTestDatabase();
  const h = await IngestionHarness.start(t, {
    ...options,
    api: (config) => [AppModule.forRoot(config), IngestionApiModule],
    worker: (config) => [WorkerModule.forRoot(config), IngestionWorkerModule],
  });
  // Every answer is checked against docs/openapi.json: a breach of the contract fails the test.
  enforceContract(h.api);
  await registerTestCatalog(h);
  return {
    t,
    h,
    async close() {
      await h.close();
      await t.drop();
    },
  };
}
