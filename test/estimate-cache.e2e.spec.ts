import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { RATE_LIMITS } from '@factledger/platform';
import { EstimateCacheService } from '@factledger/projections';
import { createApp } from '../apps/api/src/create-app';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog } from './support/scenario';

const ESTIMATE = `/v1/metrics/${METRIC.key}/estimate`;
const today = () => new Date().toISOString().slice(0, 10);

/** The value of `name`'s sample whose labels include all of `labels` (Prometheus text format). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] === name && Object.entries(labels).every(([k, v]) => (match[2] ?? '').includes(`${k}="${v}"`))) return Number(match[3]);
  }
  return undefined;
}

/** The API's in-memory head estimates against the uncached path, with the projector notifying over a real PostgreSQL. */
describe('estimate cache (HTTP, real PostgreSQL, projector running)', () => {
  let api: ReadApiHarness;
  let estimates: EstimateCacheService;
  const ids: Record<string, string> = {};
  const positions: Record<string, string> = {};

  const raw = (url: string) => api.app.inject({ method: 'GET', url });
  const post = async (path: string, body: unknown) => {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; position: string };
  };
  const figure = (sourceId: string, value: number, quote: string) => ({
    metricKey: METRIC.key,
    sourceId,
    amount: { qualifier: 'approximately', value },
    validAt: { date: '2024-10-28' },
    citation: { reportId: REPORTS.oct28.reportId, quote },
    method: 'estimate',
  });
  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 10_000; !condition(); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };

  beforeAll(async () => {
    api = await startReadApi({ readWaitTimeoutMs: 1500 });
    estimates = api.app.get(EstimateCacheService);
    await registerCatalog(api as unknown as ApiHarness);
    ({ id: ids.mivd!, position: positions.mivd! } = await post('/v1/figures', figure(SOURCES.mivd.sourceId, 3000, 'now about 3,000')));
    const hur = await post('/v1/figures', figure(SOURCES.hur.sourceId, 12000, 'nearer 12,000'));
    await api.settled(hur.position);
    await until(() => estimates.listening, 'the LISTEN connection');
  });
  afterAll(() => api.close());

  it('answers a repeated head request from memory, byte for byte what the uncached path sends', async () => {
    const first = await raw(ESTIMATE);
    const { hits } = estimates.cache.stats;
    const second = await raw(ESTIMATE);
    expect(estimates.cache.stats.hits).toBe(hits + 1);
    // minPosition at the basis takes the uncached path to the same basis.
    const uncached = await raw(`${ESTIMATE}?minPosition=${first.json().basis.position}`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.body).toBe(uncached.body);
    expect(second.headers['content-type']).toBe(uncached.headers['content-type']);
    expect(second.json().data).toMatchObject({ consensus: 7500, sourceCount: 2 });
  });

  it('leaves a request carrying a key to the access guard: a bad key is refused even when the answer is cached', async () => {
    expect((await raw(ESTIMATE)).statusCode).toBe(200);
    const { hits } = estimates.cache.stats;
    const refused = await api.app.inject({ method: 'GET', url: ESTIMATE, headers: { authorization: 'Bearer flk_not_a_key' } });
    expect(refused.statusCode).toBe(401);
    expect(estimates.cache.stats.hits).toBe(hits);
  });

  it("spends the caller's reads budget on a hit answered from memory: past it, the guard's 429 problem", async () => {
    const limited = await createApp({ ...api.config, rateLimitReads: 2 }, { logger: false });
    try {
      const cache = limited.get(EstimateCacheService);
      await until(() => cache.listening, "the second instance's LISTEN connection");
      // Until its Redis connection is up a budget check is skipped (the request passes).
      const limits = limited.get<unknown, { redis: { status: string } }>(RATE_LIMITS);
      await until(() => limits.redis.status === 'ready', "the second instance's rate-limit connection");
      // An address of this run's own: budgets are shared through Redis for a minute.
      const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
      const client = address();
      const ask = (remoteAddress = client) => limited.inject({ method: 'GET', url: ESTIMATE, remoteAddress });
      expect((await ask()).statusCode).toBe(200); // a miss: the guard spends one
      const { hits } = cache.cache.stats;
      expect((await ask()).statusCode).toBe(200); // a hit: the fast path spends the second
      expect(cache.cache.stats.hits).toBe(hits + 1);
      const over = await ask();
      expect(over.statusCode).toBe(429);
      expect(over.headers['content-type']).toContain('application/problem+json');
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(over.json()).toMatchObject({ status: 429, code: 'rate_limit.exceeded', budget: 'reads' });
      expect(cache.cache.stats.hits).toBe(hits + 1);
      // Another address has a budget of its own.
      expect((await ask(address())).statusCode).toBe(200);
      expect(cache.cache.stats.hits).toBe(hits + 2);
    } finally {
      await limited.close();
    }
  });

  it('keys by excludeParties and validAt, and hits for validAt=today and the latest algorithmVersion named or not', async () => {
    const excluded = await raw(`${ESTIMATE}?excludeParties=true`);
    expect(excluded.json().data).toMatchObject({ consensus: 3000, excludedSources: ['ua-hur'] });
    const { hits } = estimates.cache.stats;
    expect((await raw(`${ESTIMATE}?excludeParties=true&validAt=${today()}&algorithmVersion=2&includeUnverified=false`)).body).toBe(excluded.body);
    expect((await raw(`${ESTIMATE}?validAt=${today()}`)).json().data).toMatchObject({ consensus: 7500 });
    expect(estimates.cache.stats.hits).toBe(hits + 2);
  });

  it('keys by algorithm version and includeUnverified: each answers as its uncached path does', async () => {
    await post('/v1/sources', { sourceId: 'tg-channel', name: 'A Telegram channel', kind: 'media', needsReview: true });
    const { position } = await post('/v1/figures', figure('tg-channel', 50000, 'fifty thousand'));
    await api.settled(position);
    for (const query of [
      '',
      'algorithmVersion=1',
      'algorithmVersion=1&excludeParties=true',
      'includeUnverified=true',
      'includeUnverified=true&excludeParties=true',
    ]) {
      const first = await raw(`${ESTIMATE}?${query}`);
      const { hits } = estimates.cache.stats;
      const cached = await raw(`${ESTIMATE}?${query}`);
      expect([query, estimates.cache.stats.hits]).toEqual([query, hits + 1]);
      const uncached = await raw(`${ESTIMATE}?${query}${query ? '&' : ''}minPosition=${position}`);
      expect([query, cached.body]).toEqual([query, first.body]);
      expect([query, cached.body]).toEqual([query, uncached.body]);
    }
    const v1 = (await raw(`${ESTIMATE}?algorithmVersion=1`)).json();
    const v2 = (await raw(ESTIMATE)).json();
    const all = (await raw(`${ESTIMATE}?includeUnverified=true`)).json();
    expect(v1.data).toMatchObject({ algorithmVersion: 1, sourceCount: 3 });
    expect(v1.data).not.toHaveProperty('excluded');
    expect(v2.data).toMatchObject({ algorithmVersion: 2, sourceCount: 2, excluded: [{ sourceId: 'tg-channel', reason: 'source.unverified' }] });
    expect(all.data).toMatchObject({ algorithmVersion: 2, sourceCount: 3, excluded: [], figureIds: v1.data.figureIds });

    // Verifying the source is an event like any other: the cached head answer goes, the next one counts it.
    const verified = await api.request('PATCH', '/v1/sources/tg-channel', { needsReview: false }, { 'x-actor': 'editor-1' });
    expect(verified.status).toBe(200);
    await api.settled(verified.body.position);
    const after = await raw(ESTIMATE);
    expect(after.json().data).toMatchObject({ sourceCount: 3, excluded: [], figureIds: v1.data.figureIds });
    expect((await raw(ESTIMATE)).body).toBe(after.body);
    // Flagged for review again: left out again (and the tests below see the two verified sources only).
    const flagged = await api.request('PATCH', '/v1/sources/tg-channel', { needsReview: true }, { 'x-actor': 'editor-1' });
    await api.settled(flagged.body.position);
    expect((await raw(ESTIMATE)).json().data).toMatchObject({ sourceCount: 2, excluded: [{ sourceId: 'tg-channel', reason: 'source.unverified' }] });
  });

  it('never answers asOf, an earlier validAt or minPosition from memory', async () => {
    await raw(ESTIMATE);
    const { hits, bypassed } = estimates.cache.stats;
    const asOf = await raw(`${ESTIMATE}?asOf=${positions.mivd}`);
    expect(asOf.json().data).toMatchObject({ consensus: 3000, sourceCount: 1 });
    expect((await raw(`${ESTIMATE}?validAt=2024-10-27`)).json().data).toMatchObject({ sourceCount: 0 });
    expect((await raw(`${ESTIMATE}?minPosition=1`)).statusCode).toBe(200);
    expect(estimates.cache.stats.hits).toBe(hits);
    expect(estimates.cache.stats.bypassed).toBe(bypassed + 3);
  });

  it('still refuses bad input with problem+json when the answer is cached', async () => {
    await raw(ESTIMATE);
    await raw(`${ESTIMATE}?algorithmVersion=1`);
    for (const query of [
      'excludeParties=maybe',
      `validAt=${today()}&as_of=1`,
      'algorithmVersion=3',
      'algorithmVersion=1&includeUnverified=true',
      'includeUnverified=1',
      'validAt=2999-01-01',
    ]) {
      const response = await raw(`${ESTIMATE}?${query}`);
      expect([query, response.headers['content-type']]).toEqual([query, expect.stringMatching(/^application\/problem\+json/)]);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect((await raw('/v1/metrics/Not-A-Key/estimate')).statusCode).toBe(400);
  });

  it('answers the new estimate once the projector has applied a change and notified', async () => {
    const before = (await raw(ESTIMATE)).json();
    expect((await raw(ESTIMATE)).json()).toEqual(before);
    const revision = await post(`/v1/figures/${ids.mivd}/revisions`, {
      amount: { qualifier: 'approximately', value: 5000 },
      citation: { reportId: REPORTS.wire.reportId, quote: 'about 5,000' },
      reason: 'new assessment',
    });
    await api.settled(revision.position); // the projector's commit and its NOTIFY
    const after = (await raw(ESTIMATE)).json();
    expect(after.basis.position).toBe(revision.position);
    expect(after.data).toMatchObject({ consensus: 8500, low: 5000 });
    expect((await raw(`${ESTIMATE}?minPosition=${revision.position}`)).json()).toEqual(after);
  });

  it('exposes its counters on GET /metrics, the numbers GET /v1/projections reports', async () => {
    await raw(ESTIMATE);
    await raw(ESTIMATE);
    await raw(`${ESTIMATE}?asOf=1`);
    const scrape = await api.request('GET', '/metrics');
    expect(scrape.status).toBe(200);
    const text = scrape.body as string;
    const stats = estimates.stats();
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.partialInvalidations).toBeGreaterThan(0);
    const scraped = {
      hits: sample(text, 'factledger_estimate_cache_requests_total', { outcome: 'hit' }),
      misses: sample(text, 'factledger_estimate_cache_requests_total', { outcome: 'miss' }),
      joined: sample(text, 'factledger_estimate_cache_requests_total', { outcome: 'joined' }),
      bypassed: sample(text, 'factledger_estimate_cache_requests_total', { outcome: 'bypassed' }),
      invalidations: sample(text, 'factledger_estimate_cache_invalidations_total', { scope: 'full' }),
      partialInvalidations: sample(text, 'factledger_estimate_cache_invalidations_total', { scope: 'partial' }),
      invalidatedMetrics: sample(text, 'factledger_estimate_cache_invalidated_metrics_total'),
      listenerLosses: sample(text, 'factledger_estimate_cache_listener_losses_total'),
      entries: sample(text, 'factledger_estimate_cache_entries'),
    };
    const { hits, misses, joined, bypassed, invalidations, partialInvalidations, invalidatedMetrics, listenerLosses, entries } = stats;
    expect(scraped).toEqual({ hits, misses, joined, bypassed, invalidations, partialInvalidations, invalidatedMetrics, listenerLosses, entries });
    // A counter, not a snapshot: the next scrape has the hit of the request between.
    await raw(ESTIMATE);
    expect(sample((await api.request('GET', '/metrics')).body as string, 'factledger_estimate_cache_requests_total', { outcome: 'hit' })).toBe(
      hits + 1,
    );
  });

  it('bypasses the cache while the LISTEN connection is down, and resumes once it is back', async () => {
    await raw(ESTIMATE);
    const { listenerLosses } = estimates.cache.stats;
    const { rows } = await sql<{ ended: boolean }>`
      SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'factledger-api:read-model-listener'`.execute(api.db.db);
    expect(rows.map((r) => r.ended)).toEqual([true]);
    // The first reconnect attempt is immediate: polling `listening` can miss the gap, the counter cannot.
    await until(() => estimates.cache.stats.listenerLosses === listenerLosses + 1, 'the listener to notice');
    // Its NOTIFY is lost: the change must still show at once.
    const change = await post('/v1/figures', figure(SOURCES.usIntel.sourceId, 10000, 'some 10,000'));
    await api.settled(change.position);
    const { hits, bypassed } = estimates.cache.stats;
    const down = (await raw(ESTIMATE)).json();
    // If the reconnect was quicker than this test, it emptied the cache: either way the change shows.
    if (!estimates.listening) {
      expect(estimates.cache.stats.hits).toBe(hits);
      expect(estimates.cache.stats.bypassed).toBe(bypassed + 1);
    }
    expect(down.basis.position).toBe(change.position);
    expect(down.data).toMatchObject({ sourceCount: 3 });
    await until(() => estimates.listening, 'the listener to reconnect');
    await raw(ESTIMATE);
    const back = estimates.cache.stats.hits;
    expect((await raw(ESTIMATE)).json()).toEqual(down);
    expect(estimates.cache.stats.hits).toBe(back + 1);
  });
});
