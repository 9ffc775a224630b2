import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { METRICS, type MetricsRegistry } from '@factledger/platform';
import type { EstimateCacheStats } from '../estimate-cache/estimate-cache';
import { EstimateCacheService } from './estimate-cache.service';

/** Request outcomes as the `outcome` label: hit rate = hit / (hit + miss + joined). */
const OUTCOMES = { hit: 'hits', miss: 'misses', joined: 'joined', bypassed: 'bypassed' } as const satisfies Record<string, keyof EstimateCacheStats>;
const SCOPES = { full: 'invalidations', partial: 'partialInvalidations' } as const satisfies Record<string, keyof EstimateCacheStats>;

/**
 * The API process's estimate cache counters (EstimateCacheService.stats, the
 * same numbers as GET /v1/projections' `estimateCache`), read at scrape time.
 * Per process: sum over API processes.
 */
@Injectable()
export class EstimateCacheMetrics implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly metrics: MetricsRegistry,
    private readonly estimates: EstimateCacheService,
  ) {}

  onModuleInit(): void {
    const stats = () => this.estimates.stats();
    // The cache counts; each scrape copies its monotonic counters (reset, then the total).
    this.metrics.counter({
      name: 'factledger_estimate_cache_requests_total',
      help: "Head estimate requests by outcome: hit (from memory), miss (computed or read from the kept row), joined (waited for the same key's computation), bypassed (asOf, minPosition, another day, not listening, cache off)",
      labelNames: ['outcome'] as const,
      collect() {
        const s = stats();
        this.reset();
        for (const [outcome, field] of Object.entries(OUTCOMES)) this.inc({ outcome }, s[field]);
      },
    });
    this.metrics.counter({
      name: 'factledger_estimate_cache_invalidations_total',
      help: 'Read-model notices that dropped cached estimates: full (everything: no keys, a switch, a LISTEN connection lost or gained) or partial (only the metrics a batch named)',
      labelNames: ['scope'] as const,
      collect() {
        const s = stats();
        this.reset();
        for (const [scope, field] of Object.entries(SCOPES)) this.inc({ scope }, s[field]);
      },
    });
    this.metrics.counter({
      name: 'factledger_estimate_cache_invalidated_metrics_total',
      help: 'Metrics named by partial invalidations',
      collect() {
        this.reset();
        this.inc(stats().invalidatedMetrics);
      },
    });
    this.metrics.counter({
      name: 'factledger_estimate_cache_listener_losses_total',
      help: 'LISTEN connections of the estimate cache lost (it bypasses until a new one is up)',
      collect() {
        this.reset();
        this.inc(stats().listenerLosses);
      },
    });
    this.metrics.gauge({
      name: 'factledger_estimate_cache_entries',
      help: 'Head estimates held in memory now',
      collect() {
        this.set(stats().entries);
      },
    });
  }
}
