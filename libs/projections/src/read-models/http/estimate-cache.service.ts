import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { CONFIG, KYSELY, type AppConfig } from '@factledger/platform';
import { EstimateCache, type EstimateCacheStats } from '../estimate-cache/estimate-cache';

/** What GET /v1/projections reports as `estimateCache` (and a metrics registry can read through stats()). */
export interface EstimateCacheReport extends EstimateCacheStats {
  enabled: boolean;
  listening: boolean;
  /** Entries held now (a gauge; everything else is a counter since start). */
  entries: number;
}
import { ReadModelListener } from '../estimate-cache/read-model-listener';

/** The API process's estimate cache and the LISTEN connection that keeps it exact (ESTIMATE_CACHE=on). */
@Injectable()
export class EstimateCacheService implements OnModuleDestroy {
  readonly cache: EstimateCache;
  private readonly listener: ReadModelListener | null;

  constructor(@Inject(CONFIG) config: AppConfig, @Inject(KYSELY) private readonly db: Kysely<EngineDb>) {
    this.cache = new EstimateCache({ maxEntries: config.estimateCacheMaxEntries, maxAgeMs: config.estimateCacheMaxAgeMs });
    const enabled = config.estimateCache === 'on' && config.estimateCacheMaxAgeMs > 0;
    // Until LISTEN took effect the cache is bypassed, so start-up does not wait for it.
    this.listener = enabled ? new ReadModelListener(config.databaseUrl, this.cache) : null;
    this.listener?.start();
  }

  get enabled(): boolean {
    return this.listener !== null;
  }

  get listening(): boolean {
    return this.listener?.listening ?? false;
  }

  /** The cache's counters: hit rate = hits / (hits + misses); invalidations (all at once) and partial ones. */
  stats(): EstimateCacheReport {
    return { enabled: this.enabled, listening: this.listening, entries: this.cache.size, ...this.cache.stats };
  }

  /** Resolves once every read-model notice committed before the call has reached the cache. */
  async sync(): Promise<void> {
    await this.listener?.sync(async (channel, payload) => {
      await sql`SELECT pg_notify(${channel}, ${payload})`.execute(this.db);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
  }
}
