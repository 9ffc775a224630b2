import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { LeasedBudget, type SpendOutcome } from './leased-budget';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connect = () => new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });

/** Leased budgets on real Redis: two instances (own connections) share one counter per key and window. */
describe('LeasedBudget (real Redis)', () => {
  const connections: Redis[] = [];
  let prefix: string;
  /** A limiter on connection `n` (1–3; 0 reads the counters): two instances are two limiters on two connections. */
  const instance = (max: number, windowMs: number, n = 1, now?: () => number) => new LeasedBudget(connections[n]!, prefix, max, windowMs, now);
  const settle = async (spends: (SpendOutcome | Promise<SpendOutcome>)[]) => {
    const outcomes = await Promise.all(spends);
    return { allowed: outcomes.filter((o) => o.allowed).length, refused: outcomes.filter((o) => !o.allowed) as { retryAfterMs: number }[] };
  };

  beforeAll(async () => {
    await Promise.all(Array.from({ length: 4 }, () => connect()).map((r) => (connections.push(r), r.connect())));
  });
  beforeEach(() => {
    prefix = `test-${randomUUID()}:rate-limit:reads:`;
  });
  afterAll(async () => {
    const admin = connections[0]!;
    const keys = await admin.keys('test-*:rate-limit:*');
    if (keys.length) await admin.del(...keys);
    for (const r of connections) r.disconnect();
  });

  it('never allows more than the max per window across two instances spending concurrently', async () => {
    // A window far longer than the test may take on a loaded host: the spends must all fall in one window.
    const [a, b] = [instance(1000, 60_000, 1), instance(1000, 60_000, 2)];
    expect(a.block).toBe(10);
    const spends: (SpendOutcome | Promise<SpendOutcome>)[] = [];
    for (let i = 0; i < 1500; i++) spends.push(a.spend('ip:1'), b.spend('ip:1'));
    const { allowed, refused } = await settle(spends);
    expect(allowed).toBe(1000);
    expect(refused).toHaveLength(2000);
    const waits = refused.map((r) => r.retryAfterMs);
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(60_000);
    expect(Number(await connections[0]!.get(`${prefix}ip:1`))).toBe(1000);
    // Spent within the window on both: refused without asking Redis again (answered at once, not a promise).
    expect(a.spend('ip:1')).toMatchObject({ allowed: false });
    expect(b.spend('ip:1')).toMatchObject({ allowed: false });
  });

  it('leases a block at once and spends it locally; keys are separate', async () => {
    const a = instance(1000, 5000);
    const first = await settle(Array.from({ length: 5 }, () => a.spend('ip:1')));
    expect(first.allowed).toBe(5);
    expect(Number(await connections[0]!.get(`${prefix}ip:1`))).toBe(10); // one lease of 10 for five concurrent spends
    expect(a.spend('ip:1')).toEqual({ allowed: true }); // from the lease, no promise
    expect((await a.spend('ip:2')).allowed).toBe(true);
    expect(Number(await connections[0]!.get(`${prefix}ip:2`))).toBe(10);
  });

  it('stays exact per request for small budgets, and the budget comes back when the window ends', async () => {
    // The window ends by the clocks, not by sleeping: the instances' clock moves past it and Redis' counter expires.
    let clock = Date.now();
    const now = () => clock;
    const [a, b] = [instance(3, 60_000, 1, now), instance(3, 60_000, 2, now)];
    expect(a.block).toBe(1);
    const outcomes = [];
    for (const limiter of [a, b, a, b, a]) outcomes.push((await limiter.spend('key:k')).allowed);
    expect(outcomes).toEqual([true, true, true, false, false]);
    const refused = (await b.spend('key:k')) as { allowed: false; retryAfterMs: number };
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(b.spend('key:k')).toMatchObject({ allowed: false }); // still within the window: refused locally
    clock += refused.retryAfterMs;
    await connections[0]!.del(`${prefix}key:k`);
    expect((await b.spend('key:k')).allowed).toBe(true);
    expect((await a.spend('key:k')).allowed).toBe(true);
    expect(Number(await connections[0]!.get(`${prefix}key:k`))).toBe(2);
  });

  it('lets requests through while Redis is unreachable (skip on error), and counts again once it is back', async () => {
    const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
    down.on('error', () => undefined);
    try {
      const a = new LeasedBudget(down, prefix, 1, 60_000);
      const { allowed } = await settle([a.spend('ip:1'), a.spend('ip:1'), a.spend('ip:1')]);
      expect(allowed).toBe(3);
    } finally {
      down.disconnect();
    }
    const up = instance(1, 60_000, 3);
    expect((await up.spend('ip:1')).allowed).toBe(true);
    expect((await up.spend('ip:1')).allowed).toBe(false);
  });
});
