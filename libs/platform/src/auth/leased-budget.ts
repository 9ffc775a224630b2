import type { Redis } from 'ioredis';

/** What a spend came to: allowed, or spent with the window's remaining time. */
export type SpendOutcome = { allowed: true } | { allowed: false; retryAfterMs: number };

const ALLOWED: SpendOutcome = { allowed: true };

/**
 * Reserves up to ARGV[1] units of a fixed-window budget (ARGV[2] per ARGV[3]
 * ms) in one step: never past the max, so the grants of every instance
 * together stay within it per window. The window starts with the first
 * grant (the key's expiry), as @fastify/rate-limit's INCR + PEXPIRE did.
 * Returns { granted, ms left in the window }.
 */
const LEASE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
local max = tonumber(ARGV[2])
if used >= max then
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]); ttl = tonumber(ARGV[3]) end
  return {0, ttl}
end
local grant = math.min(tonumber(ARGV[1]), max - used)
redis.call('INCRBY', KEYS[1], grant)
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]); ttl = tonumber(ARGV[3]) end
return {grant, ttl}
`;

interface Lease {
  /** Units granted to this instance and not spent yet. */
  left: number;
  /** Local time the window ends (measured from before the lease was asked, so never later than Redis' end). */
  endsAt: number;
  /** A lease request in flight: concurrent spends of the key wait for it instead of asking again. */
  pending?: Promise<void>;
  /** Redis answered that the window is spent: refuse until it ends. */
  spent: boolean;
  /** Redis was unreachable for that request: the spends waiting on it pass (skip on error). */
  failed?: boolean;
}

interface LeaseRedis {
  leaseBudget(key: string, want: number, max: number, windowMs: number): Promise<[number, number]>;
}

/**
 * One budget (e.g. reads: `max` per `windowMs`, per principal) shared by every
 * API instance through a counter in Redis, spent locally from leased blocks:
 * an instance reserves `block` units at once (fewer near the max) and spends
 * them without a round trip until they are used or the window ends. So a
 * request costs a map look-up, and Redis sees one script per block.
 *
 * Exactness: the counter never passes `max`, so no more than `max` requests
 * are allowed per window across instances. Units an instance leased and did
 * not spend before the window ends are lost, so a caller spread over N
 * instances may get up to N × (block - 1) fewer than `max`; the block is
 * max/100 (at least 1), so budgets under 200 stay exact per request.
 * A spent budget is remembered until the window ends (it cannot come back
 * within a fixed window): refusals cost no round trip either.
 * Redis down: the spend is allowed (skip on error) and nothing is cached.
 */
export class LeasedBudget {
  readonly block: number;
  private readonly leases = new Map<string, Lease>();
  private sweptAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.block = Math.max(1, Math.floor(max / 100));
    if (!('leaseBudget' in redis)) redis.defineCommand('leaseBudget', { numberOfKeys: 1, lua: LEASE_SCRIPT });
  }

  /** Spends one unit for `key`: at once when a leased unit (or a known spent window) is at hand, else once Redis answered. */
  spend(key: string): SpendOutcome | Promise<SpendOutcome> {
    return this.local(this.leases.get(key)) ?? this.spendLeased(key);
  }

  private local(lease: Lease | undefined): SpendOutcome | undefined {
    if (!lease || lease.pending) return undefined;
    const now = this.now();
    if (now >= lease.endsAt) return undefined;
    if (lease.left > 0) {
      lease.left--;
      return ALLOWED;
    }
    // Refused only when Redis said the window is spent (a partial grant leaves 0 here while units may remain).
    return lease.spent ? { allowed: false, retryAfterMs: lease.endsAt - now } : undefined;
  }

  private async spendLeased(key: string): Promise<SpendOutcome> {
    for (;;) {
      let lease = this.leases.get(key);
      const outcome = this.local(lease);
      if (outcome) return outcome;
      if (!lease?.pending) {
        lease = { left: 0, endsAt: 0, spent: false };
        lease.pending = this.lease(key, lease);
        this.leases.set(key, lease);
      }
      await lease.pending;
      if (lease.failed) return ALLOWED;
    }
  }

  private async lease(key: string, lease: Lease): Promise<void> {
    const asked = this.now();
    this.sweep(asked);
    try {
      const [granted, ttl] = await (this.redis as unknown as LeaseRedis).leaseBudget(`${this.prefix}${key}`, this.block, this.max, this.windowMs);
      lease.left = granted;
      lease.endsAt = asked + ttl;
      lease.spent = granted === 0;
    } catch {
      lease.failed = true;
      this.leases.delete(key);
    } finally {
      lease.pending = undefined;
    }
  }

  /** Forgets ended windows, at most once per window, so a stream of client addresses does not grow the map. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.windowMs) return;
    this.sweptAt = now;
    for (const [key, lease] of this.leases) if (!lease.pending && lease.endsAt <= now) this.leases.delete(key);
  }
}
