import { randomBytes } from 'node:crypto';
import type { ModuleMetadata } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '@factledger/platform';
import { loadConfig, type AppConfig } from '@factledger/platform';
import { redisOptionsFromUrl } from '../queue/redis-connection';
import { INGESTION_QUEUE } from '../queue/ingestion-queue';
import { ingestionQueuePrefix } from '../queue/ingestion-bull';

type Imports = NonNullable<ModuleMetadata['imports']>;
type Overrides = [token: unknown, value: unknown][];

/** Config for one test file: its own database and its own queue prefix, so files never share jobs. */
export const ingestionTestConfig = (databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig => ({
  ...loadConfig({}),
  databaseUrl,
  logLevel: 'error',
  queuePrefix: `test-ingestion-${randomBytes(4).toString('hex')}`,
  // Test files run in parallel: no fixed metrics port (a test that wants one passes 127.0.0.1:0).
  workerMetricsListen: null,
  ...overrides,
});

async function compile(imports: Imports, overrides: Overrides): Promise<TestingModule> {
  let builder = Test.createTestingModule({ imports });
  for (const [token, value] of overrides) builder = builder.overrideProvider(token as never).useValue(value);
  return builder.compile();
}

/** An HTTP app from the given modules (e.g. the real AppModule plus IngestionApiModule), like apps/api builds it. */
export async function startHttpApp(imports: Imports, config: AppConfig, overrides: Overrides = []): Promise<NestFastifyApplication> {
  const moduleRef = await compile(imports, overrides);
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A worker process: an application context whose lifecycle hooks run (BullMQ workers start on init, stop on close). */
export async function startWorkerContext(imports: Imports, overrides: Overrides = []): Promise<TestingModule> {
  const moduleRef = await compile(imports, overrides);
  moduleRef.useLogger(false);
  await moduleRef.init();
  return moduleRef;
}

/**
 * Removes every key of the test's queue (under the prefix the apps derive from
 * the config and the ledger). Call it after the apps closed. The prefix is the
 * test file's own, so a final sweep of whatever is left under it (a meta key
 * a closing queue wrote late) touches nobody else's keys.
 */
export async function dropQueue(config: AppConfig, db: Kysely<PlatformTables>): Promise<void> {
  const prefix = await ingestionQueuePrefix(config, db);
  // skipMetasUpdate: this queue would otherwise write the very meta key it is here to remove.
  const queue = new Queue(INGESTION_QUEUE, { prefix, connection: redisOptionsFromUrl(config.redisUrl), skipMetasUpdate: true });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
  const client = new Redis({ ...redisOptionsFromUrl(config.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:${INGESTION_QUEUE}:*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
