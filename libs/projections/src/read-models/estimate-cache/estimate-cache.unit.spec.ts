import { sealPersonal } from '@factledger/platform';
import type { ReadModelNotice } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import type { EstimateFilters } from '../query/estimate.query';
import { EstimateCache, type EstimateAnswer } from './estimate-cache';

const NOW = Date.parse('2024-11-02T10:00:00Z');
const answer = (position: string, validAt = '2024-11-02') =>
  ({ data: { consensus: Number(position) }, basis: { position, recordedAt: null, validAt, algorithmVersion: 1 } }) as unknown as EstimateAnswer;
const notice = (position: string, projection = FIGURES_PROJECTION, keys?: string[]): ReadModelNotice => ({
  projection,
  version: 1,
  position,
  change: 'advance',
  ...(keys ? { keys } : {}),
});

describe('EstimateCache', () => {
  let clock: number;
  let cache: EstimateCache;
  const ask = (position: string, request = {}, filters: EstimateFilters = {}) => cache.estimate('m', request, filters, async () => answer(position));

  beforeEach(() => {
    clock = NOW;
    cache = new EstimateCache({ maxEntries: 2, maxAgeMs: 60_000, now: () => clock });
    cache.onListening(true);
  });

  it('stores a head answer and serves it, serialised as Fastify would', async () => {
    await ask('5');
    expect(await ask('6')).toEqual(answer('5'));
    expect(cache.lookup(EstimateCache.key('m', '2024-11-02', 2, {}))?.body?.toString()).toBe(JSON.stringify(answer('5')));
    expect(cache.stats).toMatchObject({ hits: 2, misses: 1, stored: 1 });
  });

  it('keeps no body for an answer naming personal data: the fast path leaves it to the controller, which reveals it per request', async () => {
    const sealed = sealPersonal('source-s1', Buffer.alloc(32, 1), 'a quote');
    const personal = { ...answer('5'), data: { sources: [{ citation: { quote: sealed } }] } } as unknown as EstimateAnswer;
    await cache.estimate('m', {}, {}, async () => personal);
    expect(await ask('6')).toEqual(personal);
    expect(cache.lookup(EstimateCache.key('m', '2024-11-02', 2, {}))).toMatchObject({ answer: personal, body: undefined });
  });

  it('does not store an answer computed while a notice arrived: its snapshot may predate the change', async () => {
    await cache.estimate('m', {}, {}, async () => {
      cache.onNotice(notice('7'));
      return answer('6');
    });
    expect(await ask('7')).toEqual(answer('7'));
    expect(await ask('8')).toEqual(answer('7'));
  });

  it("empties on a notice of the figures model, not of another model's", async () => {
    await ask('5');
    cache.onNotice(notice('9', 'catalog'));
    expect(await ask('6')).toEqual(answer('5'));
    cache.onNotice(notice('9'));
    expect(await ask('9')).toEqual(answer('9'));
  });

  it('is bypassed while not listening, and forgets everything across a reconnect', async () => {
    await ask('5');
    cache.onListening(false);
    expect(await ask('6')).toEqual(answer('6'));
    expect(await ask('7')).toEqual(answer('7'));
    expect(cache.stats.bypassed).toBe(2);
    cache.onListening(true);
    expect(await ask('8')).toEqual(answer('8'));
  });

  it('takes asOf, minPosition, an earlier validAt, an unknown algorithm version or version 1 with includeUnverified to the normal path', async () => {
    await ask('5');
    await ask('6', { algorithmVersion: 1 });
    for (const request of [{ asOf: '3' }, { minPosition: '5' }, { validAt: '2024-11-01' }, { algorithmVersion: 3 }])
      expect(await ask('4', request)).toEqual(answer('4'));
    expect(await ask('4', { algorithmVersion: 1 }, { includeUnverified: false })).toEqual(answer('4'));
    expect(await ask('4', { validAt: '2024-11-02', algorithmVersion: 2 })).toEqual(answer('5'));
    expect(await ask('4', { validAt: '2024-11-02', algorithmVersion: 1 })).toEqual(answer('6'));
  });

  it('keys by algorithm version and both filters; an absent filter is its default', async () => {
    cache = new EstimateCache({ maxEntries: 10, maxAgeMs: 60_000, now: () => clock });
    cache.onListening(true);
    const filters: EstimateFilters[] = [{}, { excludeParties: true }, { includeUnverified: true }, { excludeParties: true, includeUnverified: true }];
    for (const [i, f] of filters.entries()) await ask(String(10 + i), {}, f);
    for (const [i, f] of filters.entries()) expect(await ask('99', {}, f)).toEqual(answer(String(10 + i)));
    expect(await ask('99', {}, { excludeParties: false, includeUnverified: false })).toEqual(answer('10'));
    expect(await ask('20', { algorithmVersion: 1 }, { excludeParties: true })).toEqual(answer('20'));
    expect(new Set(filters.map((f) => EstimateCache.key('m', '2024-11-02', 2, f))).size).toBe(4);
  });

  it('keeps at most maxEntries, least recently used out first, and none older than maxAgeMs', async () => {
    await cache.estimate('a', {}, {}, async () => answer('1'));
    await cache.estimate('b', {}, {}, async () => answer('2'));
    await cache.estimate('a', {}, {}, async () => answer('x'));
    await cache.estimate('c', {}, {}, async () => answer('3'));
    expect(await cache.estimate('a', {}, {}, async () => answer('x'))).toEqual(answer('1'));
    expect(await cache.estimate('b', {}, {}, async () => answer('4'))).toEqual(answer('4'));
    clock += 60_001;
    expect(await cache.estimate('b', {}, {}, async () => answer('5'))).toEqual(answer('5'));
  });

  it('does not store an answer for a day that ended while it was computed', async () => {
    await ask('5', {}, {});
    expect(await cache.estimate('m', {}, { excludeParties: true }, async () => answer('6', '2024-11-03'))).toEqual(answer('6', '2024-11-03'));
    expect(await cache.estimate('m', {}, { excludeParties: true }, async () => answer('7'))).toEqual(answer('7'));
  });

  describe('a notice naming the metrics its batch touched', () => {
    const askFor = (metric: string, position: string) => cache.estimate(metric, {}, {}, async () => answer(position));

    it('drops only those metrics: the others keep their answers', async () => {
      await askFor('a', '1');
      await askFor('b', '1');
      cache.onNotice(notice('2', FIGURES_PROJECTION, ['a', 'z']));
      expect(await askFor('a', '2')).toEqual(answer('2'));
      expect(await askFor('b', '2')).toEqual(answer('1'));
      expect(cache.stats).toMatchObject({ invalidations: 1, partialInvalidations: 1, invalidatedMetrics: 2, hits: 1, misses: 3 });
    });

    it('does not store an answer of a metric it names that was computed across it, but stores the others', async () => {
      await cache.estimate('a', {}, {}, async () => {
        cache.onNotice(notice('2', FIGURES_PROJECTION, ['a']));
        return answer('1');
      });
      await cache.estimate('b', {}, {}, async () => {
        cache.onNotice(notice('3', FIGURES_PROJECTION, ['a']));
        return answer('3');
      });
      expect(await askFor('a', '4')).toEqual(answer('4'));
      expect(await askFor('b', '9')).toEqual(answer('3'));
    });

    it('a metric named during a computation that began before a later full invalidation is still not stored', async () => {
      await cache.estimate('a', {}, {}, async () => {
        cache.onNotice(notice('2'));
        cache.onNotice(notice('3', FIGURES_PROJECTION, ['b']));
        return answer('1');
      });
      expect(await askFor('a', '5')).toEqual(answer('5'));
    });

    it('a switch or reset drops everything even if it names metrics', async () => {
      await askFor('b', '1');
      cache.onNotice({ ...notice('2', FIGURES_PROJECTION, ['a']), change: 'switch' });
      expect(await askFor('b', '2')).toEqual(answer('2'));
    });
  });

  describe('concurrent misses of one key', () => {
    const deferred = () => {
      let resolve!: (a: EstimateAnswer) => void;
      const promise = new Promise<EstimateAnswer>((r) => (resolve = r));
      return { promise, resolve };
    };

    it('share one computation while nothing touches the metric', async () => {
      const first = deferred();
      let computed = 0;
      const a = cache.estimate('m', {}, {}, () => (computed++, first.promise));
      const b = cache.estimate('m', {}, {}, async () => (computed++, answer('9')));
      first.resolve(answer('5'));
      expect(await Promise.all([a, b])).toEqual([answer('5'), answer('5')]);
      expect(computed).toBe(1);
      expect(cache.stats).toMatchObject({ misses: 1, joined: 1 });
    });

    it('do not join a computation begun before a notice touching the metric', async () => {
      const first = deferred();
      const a = cache.estimate('m', {}, {}, () => first.promise);
      cache.onNotice(notice('6', FIGURES_PROJECTION, ['m']));
      const b = cache.estimate('m', {}, {}, async () => answer('6'));
      first.resolve(answer('5'));
      expect(await Promise.all([a, b])).toEqual([answer('5'), answer('6')]);
      expect(await ask('7')).toEqual(answer('6'));
    });
  });
});
