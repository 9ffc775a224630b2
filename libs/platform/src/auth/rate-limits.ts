import rateLimit from '@fastify/rate-limit';
import { DomainError } from '@factledger/shared';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.schema';
import type { Budget } from './access.decorators';
import type { Principal } from './api-keys.service';

interface LimitedRequest {
  ip: string;
  principal?: Principal;
}
type Limiter = (request: LimitedRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number; max?: number }>;
interface FastifyWithRateLimit {
  register(plugin: unknown, options: unknown): PromiseLike<unknown>;
  createRateLimit?: (options: { max: number; keyGenerator: (request: LimitedRequest) => string }) => Limiter;
}

/** Who a budget is counted for: the key, else the client address (anonymous reads). */
export const principalKeyOf = (request: LimitedRequest): string => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`);

/**
 * Per-principal budgets (reads, writes, ingestion submissions, live tails)
 * counted in Redis by @fastify/rate-limit's Redis store, so every API
 * instance shares them. Its connection is its own, with no offline queue and
 * no retries per command: while Redis is down each check fails at once and
 * `skipOnError` lets the request through (queries and writes keep working
 * without Redis, as the README promises). The window is fixed per key (the
 * plugin's Redis store: INCR + PEXPIRE in one script).
 */
export class RateLimits {
  private readonly redis: Redis;
  private limiters: Record<Budget, Limiter> | null = null;

  constructor(private readonly config: AppConfig) {
    // commandTimeout: a Redis that accepts connections but stalls costs a request at most 500 ms, then it passes.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      lazyConnect: true,
      retryStrategy: (n) => Math.min(n * 200, 5000),
      // Checks issued in the same tick (concurrent requests) go out in one write.
      enableAutoPipelining: true,
    });
    this.redis.on('error', () => undefined); // reconnects in the background; checks skip meanwhile
  }

  async install(fastify: FastifyWithRateLimit): Promise<void> {
    this.redis.connect().catch(() => undefined);
    await fastify.register(rateLimit, {
      global: false,
      redis: this.redis,
      nameSpace: `${this.config.queuePrefix}:rate-limit:`,
      skipOnError: true,
      timeWindow: this.config.rateLimitWindowMs,
    });
    const create = fastify.createRateLimit!;
    const limiter = (budget: Budget, max: number): Limiter => create({ max, keyGenerator: (request) => `${budget}:${principalKeyOf(request)}` });
    this.limiters = {
      reads: limiter('reads', this.config.rateLimitReads),
      writes: limiter('writes', this.config.rateLimitWrites),
      ingestions: limiter('ingestions', this.config.rateLimitIngestions),
      tails: limiter('tails', this.config.rateLimitTails),
    };
  }

  /** Spends one request of the budget; a spent budget throws 429 with Retry-After. */
  async spend(request: LimitedRequest, budget: Budget): Promise<void> {
    if (!this.limiters) return; // no HTTP server (an application context): nothing to limit
    const result = await this.limiters[budget](request);
    if (result.isAllowed || !result.isExceeded) return;
    const retryAfterSeconds = Math.max(1, result.ttlInSeconds ?? 1);
    throw new DomainError(
      'rate_limit.exceeded',
      'rate_limited',
      `The ${budget} budget of ${result.max} requests per ${this.config.rateLimitWindowMs / 1000} s is spent; retry in ${retryAfterSeconds} s`,
      {
        budget,
        retryAfterSeconds,
      },
    );
  }

  close(): void {
    this.redis.disconnect();
  }
}
