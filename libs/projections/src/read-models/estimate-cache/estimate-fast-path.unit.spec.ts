import type { MetricEstimate } from '../query/estimate.query';
import { EstimateCache, type EstimateAnswer } from './estimate-cache';
import { ESTIMATE_ROUTE, installEstimateFastPath, type SpendRead } from './estimate-fast-path';

type Hook = Parameters<Parameters<typeof installEstimateFastPath>[0]['addHook']>[1];
const NOW = Date.parse('2024-11-02T10:00:00Z');
const answer = { data: { consensus: 5 } as unknown as MetricEstimate, basis: { position: '5', validAt: '2024-11-02' } } as EstimateAnswer;

/** The fast path's preHandler against a fake Fastify: what it sent, and whether it let the request go on to Nest. */
describe('estimate fast path', () => {
  let cache: EstimateCache;
  const install = (spendRead?: SpendRead): Hook => {
    let hook: Hook | undefined;
    installEstimateFastPath({ addHook: (_name, h) => (hook = h) }, cache, spendRead);
    return hook!;
  };
  const run = (hook: Hook, headers: Record<string, string> = {}, key = 'm') =>
    new Promise<{ sent?: string; passed: boolean }>((resolve) => {
      const request = { method: 'GET', ip: '192.0.2.7', routeOptions: { url: ESTIMATE_ROUTE }, params: { key }, query: {}, headers };
      const reply = {
        header: () => reply,
        send: (body: Buffer) => resolve({ sent: body.toString(), passed: false }),
      };
      hook(request, reply, () => resolve({ passed: true }));
    });

  beforeEach(async () => {
    cache = new EstimateCache({ maxEntries: 10, maxAgeMs: 60_000, now: () => NOW });
    cache.onListening(true);
    await cache.estimate('m', {}, {}, async () => answer);
  });

  it('answers a hit once the reads budget allowed it, spending it for the caller address', async () => {
    const spent: string[] = [];
    const hook = install(async (request) => void spent.push(request.ip));
    const hits = cache.stats.hits;
    expect(await run(hook)).toEqual({ sent: JSON.stringify(answer), passed: false });
    expect(spent).toEqual(['192.0.2.7']);
    expect(cache.stats.hits).toBe(hits + 1);
  });

  it('leaves a hit over the budget to Nest (whose guard answers 429), uncounted as a hit', async () => {
    const hook = install(() => Promise.reject(new Error('rate_limited')));
    const hits = cache.stats.hits;
    expect(await run(hook)).toEqual({ passed: true });
    expect(cache.stats.hits).toBe(hits);
  });

  it('spends nothing on a miss or a request carrying a key: the guard spends for those', async () => {
    const spent: string[] = [];
    const hook = install(async (request) => void spent.push(request.ip));
    expect(await run(hook, {}, 'other')).toEqual({ passed: true });
    expect(await run(hook, { authorization: 'Bearer flk_x' })).toEqual({ passed: true });
    expect(spent).toEqual([]);
  });
});
