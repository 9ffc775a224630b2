import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { logOrderReached } from '@factledger/event-store';
import { CONFIG, KYSELY, READ_KYSELY, type AppConfig } from '@factledger/platform';
import { activeVersion } from '../../engine/registry.repository';
import { loadCheckpoint } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { EstimateCache, type EstimateCacheStats } from '../estimate-cache/estimate-cache';

/** What GET /v1/projections reports as `estimateCache` (and a metrics registry can read through stats()). */
export interface EstimateCacheReport extends EstimateCacheStats {
  enabled: boolean;
  listening: boolean;
  /** Entries held now (a gauge; everything else is a counter since start). */
  entries: number;
}
import { ReadModelListener } from '../estimate-cache/read-model-listener';

/**
 * The API process's estimate cache and the LISTEN connection that keeps it exact (ESTIMATE_CACHE=on). LISTEN is on
 * the primary (a standby gets no notifications); with reads on a replica (READ_DATABASE_URL) an answer is stored
 * only once the replica had replayed past the notices before it (EstimateCache's `replayedPast`).
 */
@Injectable()
export class EstimateCacheService implements OnModuleDestroy {
  readonly cache: EstimateCache;
  private readonly listener: ReadModelListener | null;
  private closed = false;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(KYSELY) private readonly db: Kysely<EngineDb>,
    @Inject(READ_KYSELY) readDb: Kysely<EngineDb>,
  ) {
    const replica = readDb !== db;
    this.cache = new EstimateCache({
      maxEntries: config.estimateCacheMaxEntries,
      maxAgeMs: config.estimateCacheMaxAgeMs,
      ...(replica ? { replayedPast: (basis: string, position: string) => logOrderReached(readDb, basis, position) } : {}),
    });
    const enabled = config.estimateCache === 'on' && config.estimateCacheMaxAgeMs > 0;
    const events = {
      onNotice: (notice: Parameters<EstimateCache['onNotice']>[0]) => this.cache.onNotice(notice),
      onListening: (listening: boolean) => {
        this.cache.onListening(listening);
        if (listening && replica) void this.settleFloor();
      },
    };
    // Until LISTEN took effect the cache is bypassed, so start-up does not wait for it.
    this.listener = enabled ? new ReadModelListener(config.databaseUrl, events) : null;
    this.listener?.start();
  }

  /** With a replica: after LISTEN took effect, the primary's figures head is what an answer must cover (notices before it may be lost). */
  private async settleFloor(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const request = this.cache.floorRequest;
      if (request === null) return;
      try {
        const version = await activeVersion(this.db, FIGURES_PROJECTION);
        const checkpoint = version === null ? null : await loadCheckpoint(this.db, FIGURES_PROJECTION, version);
        return this.cache.setFloor(checkpoint?.checkpoint.position ?? '0', request);
      } catch (e) {
        // Until it is known nothing is stored (answers still are exact): try again.
        if (attempt === 0) new Logger('estimate-cache').warn(`could not read the primary's figures head: ${(e as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * 2 ** attempt)).unref());
      }
    }
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
    this.closed = true;
    await this.listener?.close();
  }
}
