import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sql } from 'kysely';
import { createTestKey, withKey, type AppConfig, type IssuedKey } from '@factledger/platform';
import { createTestDatabase, enforceContract, type TestDatabase } from '@factledger/testing';
import { dropQueue, ingestionTestConfig } from '../../libs/ingestion/src/testing/ingestion-test-apps';
import { createApp } from '../../apps/api/src/create-app';

export interface ApiHarness {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: AppConfig;
  /** A key with every role, sent with every request unless the request sets its own `authorization` ('' = anonymous). */
  key: IssuedKey;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
}

/**
 * The real API (Fastify, filters, pipes, idempotency) on a private database, driven by inject().
 * `keyless`: no key is issued (its event would be in the log), and requests go anonymous.
 */
export async function startApi(overrides: Partial<AppConfig> = {}, options: { keyless?: boolean } = {}): Promise<ApiHarness> {
  const db = await createTestDatabase();
  // A queue prefix of this file's own: AppModule's ingestion queue writes its meta key on connect, and close() removes it.
  const config = ingestionTestConfig(db.url, { logLevel: 'error', ...overrides });
  // Every answer is checked against docs/openapi.json: a breach of the contract fails the test.
  const app = enforceContract(await createApp(config, { logger: false }));
  const key = options.keyless ? null : await createTestKey(db.db);
  return {
    app,
    get key(): IssuedKey {
      if (!key) throw new Error('this harness was started keyless');
      return key;
    },
    db,
    config,
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as never,
        url,
        headers: withKey(body === undefined ? headers : { 'content-type': 'application/json', ...headers }, key?.token ?? null),
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: response.statusCode, headers: response.headers, body: parsed };
    },
    async eventCount() {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM events`.execute(db.db);
      return Number(rows[0]!.n);
    },
    async close() {
      await app.close();
      await dropQueue(config, db.db);
      await db.drop();
    },
  };
}
