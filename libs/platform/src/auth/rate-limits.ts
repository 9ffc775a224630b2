import { DomainError } from '@factledger/shared';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.schema';
import type { Budget } from './access.decorators';
import type { Principal } from './api-keys.service';
import { LeasedBudget, type SpendOutcome } from './leased-budget';

interface LimitedRequest {
  ip: string;
  principal?: Principal;
}

/** Who a budget is counted for: the key, else the client address (anonymous reads). */
export const principalKeyOf = (request: LimitedRequest): string => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`);

/**
 * Per-principal budgets (reads, writes, ingestion submissions, live tails)
 * counted in Redis, so every API instance shares them: a fixed window per
 * key, spent from blocks each instance leases at once (`LeasedBudget`), so
 * most requests spend without a round trip. Its connection is its own, with
 * no offline queue and no retries per command: while Redis is down each
 * check fails at once and the request passes (queries and writes keep
 * working without Redis, as the README promises).
 *
 * Not @fastify/rate-limit any more: its store counts one INCR + PEXPIRE
 * script per request behind a promise and its own hook machinery (11% of the
 * API's CPU on cached estimate hits, plus Redis' CPU on the same host), and
 * its store interface has no way to hand out more than one unit per call.
 * We used only its Redis counter (never its hooks or headers), so the lease
 * replaces all of it; the 429 problem and Retry-After stay ours (DomainError).
 */
export class RateLimits {
  private readonly redis: Redis;
  private budgets: Record<Budget, LeasedBudget> | null = null;

  constructor(private readonly config: AppConfig) {
    // commandTimeout: a Redis that accepts connections but stalls costs a request at most 500 ms, then it passes.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      lazyConnect: true,
      retryStrategy: (n) => Math.min(n * 200, 5000),
      // Leases asked in the same tick (concurrent requests of different callers) go out in one write.
      enableAutoPipelining: true,
    });
    this.redis.on('error', () => undefined); // reconnects in the background; checks skip meanwhile
  }

  /** Connects and sets the budgets up; only an HTTP server limits (an application context spends nothing). */
  install(): void {
    this.redis.connect().catch(() => undefined);
    const prefix = `${this.config.queuePrefix}:rate-limit:`;
    const budget = (name: Budget, max: number) => new LeasedBudget(this.redis, `${prefix}${name}:`, max, this.config.rateLimitWindowMs);
    this.budgets = {
      reads: budget('reads', this.config.rateLimitReads),
      writes: budget('writes', this.config.rateLimitWrites),
      ingestions: budget('ingestions', this.config.rateLimitIngestions),
      tails: budget('tails', this.config.rateLimitTails),
    };
  }

  /** Spends one request of the budget; a spent budget throws 429 with Retry-After. */
  async spend(request: LimitedRequest, budget: Budget): Promise<void> {
    const outcome = this.spendNow(request, budget);
    if (outcome !== undefined) await outcome;
  }

  /**
   * As `spend`, without a promise when the instance's lease decides at once
   * (the common case): undefined when allowed, else a promise that resolves
   * when allowed and rejects with the 429 error when spent (a refusal known
   * locally is a rejected promise too).
   */
  spendNow(request: LimitedRequest, budget: Budget): Promise<void> | undefined {
    if (!this.budgets) return undefined; // no HTTP server (an application context): nothing to limit
    const limiter = this.budgets[budget];
    const outcome = limiter.spend(principalKeyOf(request));
    if ('then' in outcome) return outcome.then((o) => this.settle(o, budget, limiter));
    return outcome.allowed ? undefined : Promise.reject(this.exceeded(outcome, budget, limiter));
  }

  private settle(outcome: SpendOutcome, budget: Budget, limiter: LeasedBudget): void {
    if (!outcome.allowed) throw this.exceeded(outcome, budget, limiter);
  }

  private exceeded(outcome: { retryAfterMs: number }, budget: Budget, limiter: LeasedBudget): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
    return new DomainError(
      'rate_limit.exceeded',
      'rate_limited',
      `The ${budget} budget of ${limiter.max} requests per ${limiter.windowMs / 1000} s is spent; retry in ${retryAfterSeconds} s`,
      { budget, retryAfterSeconds },
    );
  }

  close(): void {
    this.redis.disconnect();
  }
}
