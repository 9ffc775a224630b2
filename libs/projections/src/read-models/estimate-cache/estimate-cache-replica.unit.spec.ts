import type { ReadModelNotice } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { EstimateCache, type EstimateAnswer } from './estimate-cache';

/**
 * Reads on a streaming replica, notices from the primary: a notice can arrive
 * before the replica has replayed the commit it announces. An answer the
 * replica computed then is exact for its basis (it is returned), but must not
 * be cached: it would be served after the primary moved on. The log order
 * here is the positions' numeric order (in PostgreSQL it is the
 * (transaction id, position) order that logOrderReached compares).
 */
const NOW = Date.parse('2024-11-02T10:00:00Z');
const answer = (position: string) =>
  ({
    data: { consensus: Number(position) },
    basis: { position, recordedAt: null, validAt: '2024-11-02', algorithmVersion: 2 },
  }) as unknown as EstimateAnswer;
const notice = (position: string, keys?: string[]): ReadModelNotice => ({
  projection: FIGURES_PROJECTION,
  version: 1,
  position,
  change: 'advance',
  ...(keys ? { keys } : {}),
});

describe('EstimateCache with reads on a replica', () => {
  let cache: EstimateCache;
  let checks: [string, string][];
  let failing: boolean;
  let during: (() => void) | null;
  const ask = (metric: string, position: string) => cache.estimate(metric, {}, {}, async () => answer(position));
  const cached = (metric: string) => cache.lookup(EstimateCache.key(metric, '2024-11-02', 2, {}))?.answer;

  beforeEach(() => {
    checks = [];
    failing = false;
    during = null;
    cache = new EstimateCache({
      maxEntries: 10,
      maxAgeMs: 60_000,
      now: () => NOW,
      replayedPast: async (basis, position) => {
        checks.push([basis, position]);
        during?.();
        if (failing) throw new Error('replica gone');
        return Number(basis) >= Number(position);
      },
    });
    cache.onListening(true);
    cache.setFloor('3', cache.floorRequest!);
  });

  it('does not store an answer the replica computed before replaying a notice that touched its metric, and stores once it has', async () => {
    cache.onNotice(notice('7', ['m']));
    expect(await ask('m', '6')).toEqual(answer('6'));
    expect(cached('m')).toBeUndefined();
    expect(await ask('m', '7')).toEqual(answer('7'));
    expect(cached('m')).toEqual(answer('7'));
    expect(checks).toEqual([
      ['6', '3'],
      ['6', '7'],
      ['7', '3'],
      ['7', '7'],
    ]);
  });

  it("is not held back by notices of other metrics: only the metric's own last notice and the floor count", async () => {
    cache.onNotice(notice('9', ['other']));
    await ask('m', '5');
    expect(cached('m')).toEqual(answer('5'));
  });

  it('after a notice that touched everything, stores only answers whose basis covers it', async () => {
    cache.onNotice(notice('9'));
    await ask('m', '8');
    expect(cached('m')).toBeUndefined();
    await ask('m', '9');
    expect(cached('m')).toEqual(answer('9'));
  });

  it('after LISTEN (re)started, stores nothing until the primary head is known, then only answers covering it', async () => {
    cache.onListening(false);
    cache.onListening(true);
    const request = cache.floorRequest!;
    await ask('m', '50');
    expect(cached('m')).toBeUndefined();
    // A lookup begun before a newer reconnect does not count.
    cache.onListening(false);
    cache.onListening(true);
    cache.setFloor('10', request);
    await ask('m', '50');
    expect(cached('m')).toBeUndefined();
    cache.setFloor('40', cache.floorRequest!);
    expect(cache.floorRequest).toBeNull();
    await ask('m', '39');
    expect(cached('m')).toBeUndefined();
    await ask('m', '40');
    expect(cached('m')).toEqual(answer('40'));
  });

  it('keeps a later floor from a notice that touched everything over the head looked up before it', async () => {
    cache.onListening(false);
    cache.onListening(true);
    const request = cache.floorRequest!;
    cache.onNotice(notice('60'));
    cache.setFloor('40', request);
    await ask('m', '50');
    expect(cached('m')).toBeUndefined();
    await ask('m', '60');
    expect(cached('m')).toEqual(answer('60'));
  });

  it('does not store when a notice touching the metric arrives while the replica is being checked', async () => {
    during = () => cache.onNotice(notice('8', ['m']));
    expect(await ask('m', '7')).toEqual(answer('7'));
    during = null;
    expect(cached('m')).toBeUndefined();
  });

  it('answers but does not store when the replica cannot be checked', async () => {
    cache.onNotice(notice('5', ['m']));
    failing = true;
    expect(await ask('m', '6')).toEqual(answer('6'));
    expect(cached('m')).toBeUndefined();
  });
});
