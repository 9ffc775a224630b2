import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestKey, withKey, type AppConfig, type IssuedKey } from '@factledger/platform';
import {
  EstimateCacheService,
  firstVersion,
  ProjectionEngine,
  READ_MODELS,
  waitForPosition,
  type ProjectionEngineOptions,
} from '@factledger/projections';
import { createTestDatabase, enforceContract, type TestDatabase } from '@factledger/testing';
import { dropQueue, ingestionTestConfig } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { createApp } from '../../apps/api/src/create-app';
import type { ApiResponse } from './api-harness';

export interface ReadApiHarness {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: AppConfig;
  /** A key with every role, sent with every request unless the request sets its own `authorization` ('' = anonymous). */
  key: IssuedKey;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Starts the read models' projector (as the worker would); stopProjector pauses it. */
  startProjector(): Promise<void>;
  stopProjector(): Promise<void>;
  /** Resolves once both read models applied the position and the API's estimate cache heard of it. */
  settled(position: string): Promise<void>;
  close(): Promise<void>;
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The real API (write and read side) on a private database, with a projector engine in the test process. */
export async function startReadApi(overrides: Partial<AppConfig> = {}, engine: Partial<ProjectionEngineOptions> = {}): Promise<ReadApiHarness> {
  const db = await createTestDatabase();
  // A queue prefix of this file's own: AppModule's ingestion queue writes its meta key on connect, and close() removes it.
  const config = ingestionTestConfig(db.url, { logLevel: 'error', ...overrides });
  // Every answer is checked against docs/openapi.json: a breach of the contract fails the test.
  const app = enforceContract(await createApp(config, { logger: false }));
  let projector: ProjectionEngine | null = null;
  const key = await createTestKey(db.db);
  const harness: ReadApiHarness = {
    app,
    key,
    db,
    config,
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as never,
        url,
        headers: withKey(body === undefined ? headers : { 'content-type': 'application/json', ...headers }, key.token),
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      let parsed: unknown = response.body;
      try {
        parsed = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: response.statusCode, headers: response.headers, body: parsed };
    },
    async startProjector() {
      projector = new ProjectionEngine({
        db: db.db,
        connectionString: db.url,
        definitions: READ_MODELS.map((spec) =>
          spec.define(firstVersion(spec), { headEstimateBudgetMs: config.headEstimateBudgetMs, headEstimateHotWindowMs: 0 }),
        ),
        logger: process.env.READ_API_DEBUG ? console : silent,
        pollIntervalMs: 50,
        lockRetryMs: 100,
        ...engine,
      });
      await projector.start();
    },
    async stopProjector() {
      await projector?.stop();
      projector = null;
    },
    async settled(position) {
      await waitForPosition(
        db.db,
        READ_MODELS.map((s) => s.name),
        position,
        15_000,
      );
      // The projector's NOTIFY reaches the cache just after its commit: wait for it, as a later request would.
      await app.get(EstimateCacheService).sync();
    },
    async close() {
      await harness.stopProjector();
      await app.close();
      await dropQueue(config, db.db);
      await db.drop();
    },
  };
  await harness.startProjector();
  return harness;
}
