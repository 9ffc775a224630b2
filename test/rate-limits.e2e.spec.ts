import * as http from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestKey, type IssuedKey } from '@factledger/platform';
import { createApp } from '../apps/api/src/create-app';
import { startApi, type ApiHarness } from './support/api-harness';

const WINDOW_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Budgets per principal in Redis (shared by API instances): 429 problem+json with Retry-After, then recovery. */
describe('rate limits (HTTP, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let other: NestFastifyApplication;
  let key: IssuedKey;
  beforeAll(async () => {
    api = await startApi({
      rateLimitWindowMs: WINDOW_MS,
      rateLimitReads: 3,
      rateLimitWrites: 2,
      rateLimitIngestions: 1,
      rateLimitTails: 20,
      maxOpenStreamsPerPrincipal: 1,
    });
    // A second API instance with the same settings (and so the same Redis namespace).
    other = await createApp(api.config, { logger: false });
    key = await createTestKey(api.db.db);
  });
  afterAll(async () => {
    await other?.close();
    await api?.close();
  });

  const anonymous = (app: NestFastifyApplication | null = null) =>
    app
      ? app.inject({ method: 'GET', url: '/v1/events?limit=1' }).then((r) => ({ status: r.statusCode, headers: r.headers, body: r.json() }))
      : api.request('GET', '/v1/events?limit=1', undefined, { authorization: '' });
  const withKey = (method: string, url: string, body?: unknown) => api.request(method, url, body, { authorization: `Bearer ${key.token}` });

  it('limits anonymous reads per client address across instances: 429 with Retry-After, and recovers after the window', async () => {
    await sleep(WINDOW_MS); // a fresh window
    expect([(await anonymous()).status, (await anonymous(other)).status, (await anonymous()).status]).toEqual([200, 200, 200]);
    const limited = await anonymous(other);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limit.exceeded', budget: 'reads' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
    // A key has its own budget, and health is never limited.
    expect((await withKey('GET', '/v1/events?limit=1')).status).toBe(200);
    expect((await api.request('GET', '/health', undefined, { authorization: '' })).status).toBe(200);
    await sleep(retryAfter * 1000);
    expect((await anonymous()).status).toBe(200);
  });

  it('keeps separate budgets for writes, reads and ingestion submissions', async () => {
    await sleep(WINDOW_MS);
    expect((await withKey('PATCH', '/v1/sources/nope', { name: 'x' })).status).toBe(404); // spent, even though refused
    expect((await withKey('PATCH', '/v1/sources/nope', { name: 'x' })).status).toBe(404);
    expect((await withKey('PATCH', '/v1/sources/nope', { name: 'x' })).body).toMatchObject({ status: 429, budget: 'writes' });
    expect((await withKey('GET', '/v1/events?limit=1')).status).toBe(200);
    const submission = {
      kind: 'structured',
      report: { publisher: 'P', title: 'T', publishedAt: '2024-10-28', language: 'en' },
      figures: [{ metricKey: 'north_korean_troops_in_russia', source: 'S', qualifier: 'exact', value: 1, validAt: '2024-10-28', quote: 'q' }],
    };
    expect((await withKey('POST', '/v1/ingestions', submission)).status).toBe(202);
    expect((await withKey('POST', '/v1/ingestions', submission)).body).toMatchObject({ status: 429, budget: 'ingestions' });
  });

  it('bounds the live tails one principal holds open', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = api.app.getHttpServer().address() as { port: number };
    const open = () =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/v1/events/tail', headers: { authorization: `Bearer ${key.token}` } }, resolve)
          .on('error', reject);
      });
    const first = await open();
    expect(first.headers['content-type']).toContain('text/event-stream');
    const second = await open();
    expect(second.statusCode).toBe(429);
    second.resume();
    first.destroy();
    let third: http.IncomingMessage | null = null;
    for (let i = 0; i < 50 && third?.statusCode !== 200; i++) {
      third?.destroy();
      await sleep(20);
      third = await open();
    }
    const text =
      third!.statusCode === 200
        ? ''
        : await new Promise<string>((r) => {
            let b = '';
            third!.on('data', (c) => (b += c)).on('end', () => r(b));
          });
    expect([third!.statusCode, text]).toEqual([200, '']);
    third!.destroy();
  });
});
