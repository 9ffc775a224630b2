import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '@factledger/platform';
import type { IngestionDb } from '../worker/ingestion-db';

import { countEventsAfter, START, type EventStoreTables } from '@factledger/event-store';
import { createTestKey, sliceOf, type AppConfig, type AuthTables, type IssuedKey } from '@factledger/platform';
import type { ProjectionEngine } from '@factledger/projections';
import { DEFAULT_INGESTION_JOB_OPTIONS, INGESTION_JOB_OPTIONS } from '../queue/ingestion-queue';
import type { IngestionJobView } from '../queue/ingestion-job-view';
import { INGESTION_HOOKS, INGESTION_WORKER_OPTIONS, type IngestionHooks } from '../worker/ingestion-hooks';
import { dropQueue, eventually, ingestionTestConfig, startHttpApp, startWorkerContext } from './ingestion-test-apps';
import { startReadModels } from './read-models';

/** What the harness's tests query: the job's tables and the ledger identity (the queue prefix). */
type HarnessDb = IngestionDb & PlatformTables & AuthTables;

type Imports = Parameters<typeof startHttpApp>[0];

export interface HarnessOptions {
  /** The API app's modules, e.g. `[AppModule.forRoot(config), IngestionApiModule]`. */
  api: (config: AppConfig) => Imports;
  /** The worker's modules, e.g. `[WorkerModule.forRoot(config), IngestionWorkerModule]`. */
  worker: (config: AppConfig) => Imports;
  hooks?: IngestionHooks;
  config?: Partial<AppConfig>;
}

export interface Response {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

/**
 * API, worker and read models on one test database and a private queue
 * prefix, as separate Nest apps (as in production). Retries back off 50 ms.
 */
export class IngestionHarness {
  worker: INestApplicationContext | null = null;

  private constructor(
    readonly db: Kysely<HarnessDb>,
    readonly config: AppConfig,
    readonly api: NestFastifyApplication,
    private readonly readModels: ProjectionEngine,
    private readonly options: HarnessOptions,
    /** A key with every role (issued as the CLI does), sent unless a request sets its own `authorization` ('' = anonymous). */
    readonly key: IssuedKey,
  ) {}

  static async start(database: { db: Kysely<HarnessDb>; url: string; sealerUrl?: string }, options: HarnessOptions): Promise<IngestionHarness> {
    // The worker's sealer connects as the sealer role, as in production (WorkerModule includes it).
    const config = ingestionTestConfig(database.url, { sealerDatabaseUrl: database.sealerUrl ?? null, ...options.config });
    const readModels = await startReadModels(database.db, database.url);
    const api = await startHttpApp(options.api(config), config, [
      [INGESTION_JOB_OPTIONS, { ...DEFAULT_INGESTION_JOB_OPTIONS, backoff: { type: 'fixed', delay: 50 } }],
    ]);
    const key = await createTestKey(sliceOf(database.db).as<AuthTables & EventStoreTables>());
    const harness = new IngestionHarness(database.db, config, api, readModels, options, key);
    await harness.startWorker();
    return harness;
  }

  /** `overrides`: more providers to replace, e.g. `[ExtractionPool, pool]`. */
  async startWorker(
    hooks: IngestionHooks = this.options.hooks ?? {},
    overrides: [token: unknown, value: unknown][] = [],
  ): Promise<INestApplicationContext> {
    this.worker = await startWorkerContext(this.options.worker(this.config), [
      [INGESTION_HOOKS, hooks],
      [INGESTION_WORKER_OPTIONS, { readModelWaitMs: 5000 }],
      ...overrides,
    ]);
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async request(method: string, url: string, body?: unknown, given: Record<string, string> = {}): Promise<Response> {
    const { authorization = `Bearer ${this.key.token}`, ...headers } = given;
    const response = await this.api.inject({
      method: method as never,
      url,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers, ...(authorization ? { authorization } : {}) },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    let parsed: unknown = response.body;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.statusCode, headers: response.headers, body: parsed };
  }

  /** Submits and expects 202. */
  async submit(
    body: unknown,
    headers: Record<string, string> = {},
    url = '/v1/ingestions',
  ): Promise<{ jobId: string; state: string; created: boolean; statusUrl: string }> {
    const response = await this.request('POST', url, body, headers);
    if (response.status !== 202) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Polls GET /v1/ingestions/{id} until the job completed or failed. */
  async finished(jobId: string, timeoutMs = 20_000): Promise<IngestionJobView> {
    return eventually(
      async () => {
        const { body } = await this.request('GET', `/v1/ingestions/${jobId}`);
        return body?.state === 'completed' || body?.state === 'failed' ? (body as IngestionJobView) : null;
      },
      timeoutMs,
      `job ${jobId} to finish`,
    );
  }

  async ingest(body: unknown, headers: Record<string, string> = {}): Promise<IngestionJobView> {
    const { jobId } = await this.submit(body, headers);
    return this.finished(jobId);
  }

  async eventCount(): Promise<number> {
    return countEventsAfter(this.db, START);
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.api.close();
    await this.readModels.stop();
    await dropQueue(this.config, this.db);
  }
}
