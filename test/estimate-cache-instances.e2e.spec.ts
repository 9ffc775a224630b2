import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { withKey } from '@factledger/platform';
import { EstimateCacheService } from '@factledger/projections';
import { createApp } from '../apps/api/src/create-app';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog } from './support/scenario';

const OTHER = { key: 'north_korean_casualties', label: 'North Korean casualties', unit: 'people' };
const estimateOf = (metricKey: string) => `/v1/metrics/${metricKey}/estimate`;

/**
 * Two API processes' caches on one database, kept coherent by the projector's
 * notices alone: a batch drops the answers of the metrics it touched on both,
 * and only those. Hits are read from each instance's counters, not timing.
 */
describe('estimate cache across API instances (partial invalidation, real PostgreSQL)', () => {
  let api: ReadApiHarness;
  let second: NestFastifyApplication;
  let instances: { name: string; app: NestFastifyApplication; cache: EstimateCacheService }[];

  const post = async (path: string, body: unknown) => {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; position: string };
  };
  const figure = (metricKey: string, sourceId: string, value: number, quote: string) => ({
    metricKey,
    sourceId,
    amount: { qualifier: 'approximately', value },
    validAt: { date: '2024-10-28' },
    citation: { reportId: REPORTS.oct28.reportId, quote },
    method: 'estimate',
  });
  const read = async (app: NestFastifyApplication, metricKey: string) => {
    const response = await app.inject({ method: 'GET', url: estimateOf(metricKey), headers: withKey({}, api.key.token) });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  /** Both instances heard every notice committed so far. */
  const settled = async (position: string) => {
    await api.settled(position);
    for (const { cache } of instances) await cache.sync();
  };
  /** Reads a metric on every instance and says, per instance, whether the answer came from memory. */
  const readEverywhere = async (metricKey: string) =>
    Promise.all(
      instances.map(async ({ name, app, cache }) => {
        const { hits, misses } = cache.cache.stats;
        const body = await read(app, metricKey);
        const hit = cache.cache.stats.hits === hits + 1 && cache.cache.stats.misses === misses;
        return { name, hit, body };
      }),
    );
  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 10_000; !condition(); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };

  beforeAll(async () => {
    api = await startReadApi({ readWaitTimeoutMs: 1500 });
    second = await createApp(api.config, { logger: false });
    instances = [
      { name: 'first', app: api.app, cache: api.app.get(EstimateCacheService) },
      { name: 'second', app: second, cache: second.get(EstimateCacheService) },
    ];
    await registerCatalog(api as unknown as ApiHarness);
    await post('/v1/metrics', OTHER);
    await post('/v1/sources', { sourceId: 'kr-nis', name: 'South Korean National Intelligence Service', kind: 'intelligence', country: 'KR' });
    await post('/v1/figures', figure(METRIC.key, SOURCES.mivd.sourceId, 3000, 'about 3,000'));
    await post('/v1/figures', figure(METRIC.key, 'kr-nis', 11000, 'some 11,000'));
    const last = await post('/v1/figures', figure(OTHER.key, SOURCES.usIntel.sourceId, 1200, 'at least 1,200'));
    await api.settled(last.position);
    await until(() => instances.every((i) => i.cache.listening), 'both LISTEN connections');
    await settled(last.position);
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  it('each instance answers a repeated head request from its own memory', async () => {
    for (const metricKey of [METRIC.key, OTHER.key]) {
      const first = await readEverywhere(metricKey);
      const again = await readEverywhere(metricKey);
      expect(again.map((r) => [r.name, r.hit])).toEqual([
        ['first', true],
        ['second', true],
      ]);
      expect(again.map((r) => r.body)).toEqual(first.map((r) => r.body));
      expect(first[1]!.body).toBe(first[0]!.body);
    }
  });

  it("a figure of one metric drops that metric's answers on both instances, and leaves the other metric's served from memory", async () => {
    const otherBefore = await readEverywhere(OTHER.key);
    await readEverywhere(METRIC.key);
    const { position } = await post('/v1/figures', figure(METRIC.key, SOURCES.hur.sourceId, 12000, 'nearer 12,000'));
    await settled(position);

    const other = await readEverywhere(OTHER.key);
    expect(other.map((r) => [r.name, r.hit])).toEqual([
      ['first', true],
      ['second', true],
    ]);
    expect(other.map((r) => r.body)).toEqual(otherBefore.map((r) => r.body));

    const fresh = await readEverywhere(METRIC.key);
    expect(fresh.map((r) => [r.name, r.hit])).toEqual([
      ['first', false],
      ['second', false],
    ]);
    for (const { body } of fresh) {
      const answer = JSON.parse(body);
      expect(answer.basis.position).toBe(position);
      expect(answer.data).toMatchObject({ sourceCount: 3 });
    }
    expect(fresh[1]!.body).toBe(fresh[0]!.body);
    for (const { cache } of instances) expect(cache.cache.stats.partialInvalidations).toBeGreaterThan(0);
  });

  it('a source event drops every metric that source has figures in, on both instances, and no other', async () => {
    await readEverywhere(METRIC.key);
    const otherBefore = await readEverywhere(OTHER.key);
    // kr-nis has figures in METRIC only: flagging it for review changes METRIC's estimate (v2 leaves it out).
    const flagged = await api.request('PATCH', '/v1/sources/kr-nis', { needsReview: true });
    expect(flagged.status).toBe(200);
    await settled((flagged.body as { position: string }).position);

    const other = await readEverywhere(OTHER.key);
    expect(other.map((r) => [r.name, r.hit])).toEqual([
      ['first', true],
      ['second', true],
    ]);
    expect(other.map((r) => r.body)).toEqual(otherBefore.map((r) => r.body));
    const fresh = await readEverywhere(METRIC.key);
    expect(fresh.map((r) => [r.name, r.hit])).toEqual([
      ['first', false],
      ['second', false],
    ]);
    for (const { body } of fresh)
      expect(JSON.parse(body).data).toMatchObject({ sourceCount: 2, excluded: [{ sourceId: 'kr-nis', reason: 'source.unverified' }] });
  });

  it('reports its counters in GET /v1/projections', async () => {
    const response = await api.request('GET', '/v1/projections');
    expect(response.status).toBe(200);
    const stats = instances[0]!.cache.stats();
    expect((response.body as { estimateCache: unknown }).estimateCache).toMatchObject({
      enabled: true,
      listening: true,
      hits: expect.any(Number),
      entries: expect.any(Number),
    });
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.partialInvalidations).toBeGreaterThanOrEqual(2);
  });
});
