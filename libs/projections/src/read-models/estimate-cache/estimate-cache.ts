import { isEstimateAlgorithmVersion, LATEST_ESTIMATE_ALGORITHM_VERSION } from '@factledger/ledger-domain';
import { invalidateActiveSchemas, type ReadModelNotice } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { todayOf, type Basis, type ReadRequest } from '../query/basis';
import type { EstimateFilters, MetricEstimate } from '../query/estimate.query';

export type EstimateAnswer = { data: MetricEstimate; basis: Basis };

interface Entry {
  answer: EstimateAnswer;
  /** The answer as Fastify would serialise it (JSON.stringify), sent as is on a hit. */
  body: string;
  storedAt: number;
}

export interface EstimateCacheOptions {
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
}

/** The read models a head estimate reads (readAt at head involves only these). */
const ESTIMATE_PROJECTIONS: ReadonlySet<string> = new Set([FIGURES_PROJECTION]);

/**
 * Current (head) estimates in memory. Every notice of a read model the
 * estimate reads, and every loss or gain of the LISTEN connection, starts a
 * new generation and empties the cache. An answer is stored only if no new
 * generation began between the request's start and its end: its snapshot
 * was taken after the request started, so it includes every change notified
 * before, and a change committed after it is notified later and empties it.
 * While not listening, nothing is read or stored.
 */
export class EstimateCache {
  private generation = 0;
  private listening = false;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  readonly stats = { hits: 0, misses: 0, bypassed: 0, stored: 0, invalidations: 0 };

  constructor(private readonly options: EstimateCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Wired to ReadModelListener's events. */
  onNotice(notice: ReadModelNotice): void {
    if (!ESTIMATE_PROJECTIONS.has(notice.projection)) return;
    // A switch: this process reads the new version at once, not after the schema cache's TTL.
    if (notice.change !== 'advance') invalidateActiveSchemas();
    this.invalidate();
  }

  onListening(listening: boolean): void {
    this.listening = listening;
    this.invalidate();
  }

  get active(): boolean {
    return this.listening && this.options.maxAgeMs > 0;
  }

  /** The day a head request describes (its key's validAt), or null when it must take the normal path. */
  headDay(request: ReadRequest): string | null {
    if (!this.active || request.asOf !== undefined || request.minPosition !== undefined) return null;
    // A version this server lacks is refused by the normal path.
    if (request.algorithmVersion !== undefined && !isEstimateAlgorithmVersion(request.algorithmVersion)) return null;
    const today = todayOf(new Date(this.now()));
    return request.validAt === undefined || request.validAt === today ? today : null;
  }

  /** Everything a head answer depends on besides the log: the day, the algorithm version and its filters. */
  static key(metricKey: string, day: string, version: number, filters: EstimateFilters): string {
    return `${metricKey} ${day} v${version} ${filters.excludeParties ? 'x' : '-'}${filters.includeUnverified ? 'u' : '-'}`;
  }

  /** The cached answer for a key from keyOf, most recently used first to stay. */
  lookup(key: string): { answer: EstimateAnswer; body: string } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.storedAt > this.options.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry;
  }

  /** The answer for a request: cached, or computed and stored if no generation passed meanwhile. */
  async estimate(metricKey: string, request: ReadRequest, filters: EstimateFilters, compute: () => Promise<EstimateAnswer>): Promise<EstimateAnswer> {
    const day = this.headDay(request);
    const version = request.algorithmVersion ?? LATEST_ESTIMATE_ALGORITHM_VERSION;
    // Version 1 with includeUnverified is refused by the normal path.
    if (day === null || (version === 1 && filters.includeUnverified !== undefined)) {
      this.stats.bypassed++;
      return compute();
    }
    const key = EstimateCache.key(metricKey, day, version, filters);
    const cached = this.lookup(key);
    if (cached) return cached.answer;
    this.stats.misses++;
    const generation = this.generation;
    const storedAt = this.now();
    const answer = await compute();
    // answer.basis.validAt differs if a day began meanwhile.
    if (generation === this.generation && this.active && answer.basis.validAt === day) this.store(key, { answer, body: JSON.stringify(answer), storedAt });
    return answer;
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.stored++;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  private invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.stats.invalidations++;
  }
}
