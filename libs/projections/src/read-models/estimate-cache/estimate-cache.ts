import { LRUCache } from 'lru-cache';
import { isEstimateAlgorithmVersion, LATEST_ESTIMATE_ALGORITHM_VERSION } from '@factledger/ledger-domain';
import { subjectsIn } from '@factledger/platform';
import { invalidateActiveSchemas, type ReadModelNotice } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { todayOf, type Basis, type ReadRequest } from '../query/basis';
import type { EstimateFilters, MetricEstimate } from '../query/estimate.query';

export type EstimateAnswer = { data: MetricEstimate; basis: Basis };
/** An answer and its JSON (JSON.stringify, as Fastify sends it) in UTF-8, encoded once, not per send; none if it names personal data. */
export type ServedEstimate = { answer: EstimateAnswer; body: Buffer | undefined };

interface Entry extends ServedEstimate {
  metricKey: string;
  storedAt: number;
}

export interface EstimateCacheOptions {
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
  /**
   * Reads run on a streaming replica while notices come from the primary: whether the replica had replayed
   * `position` (a notice's, in log order) when it answered at `basisPosition`. Absent: reads see the primary.
   */
  replayedPast?: (basisPosition: string, position: string) => Promise<boolean>;
}

/** The floor while the primary's head after a (re)connect is being looked up: nothing is stored. */
const PENDING = Symbol('pending');

const DAY_MS = 86_400_000;
/** Beyond this many metrics named since the last full invalidation, the next notice drops everything (bounds the map). */
const MAX_TRACKED_METRICS = 100_000;

/** The read models a head estimate reads (readAt at head involves only these). */
const ESTIMATE_PROJECTIONS: ReadonlySet<string> = new Set([FIGURES_PROJECTION]);

/** Counters (monotonic) and the entry count, named for a metrics registry (see README, "Estimate cache"). */
export interface EstimateCacheStats {
  /** Answers served from the cache. */
  hits: number;
  /** Head requests answered by the normal path: the kept head-estimate row, or computed (then stored unless a notice touching them arrived meanwhile). */
  misses: number;
  /** Misses that waited for the same key's computation already under way instead of starting another. */
  joined: number;
  /** Requests the cache does not take (asOf, minPosition, another day, not listening). */
  bypassed: number;
  stored: number;
  /** Everything dropped at once: a notice naming no metrics, a switch or reset, a lost or new LISTEN connection. */
  invalidations: number;
  /** Notices that named the metrics they touched (only those were dropped). */
  partialInvalidations: number;
  /** Metrics named by those notices. */
  invalidatedMetrics: number;
  /** LISTEN connections lost (the cache bypasses until a new one is up, which may be milliseconds later). */
  listenerLosses: number;
}

/**
 * Current (head) estimates in memory. A notice of the figures model that
 * names the metrics its batch touched drops only their answers; any other
 * notice of it (a batch too large to list, a switch, a reset), and every
 * loss or gain of the LISTEN connection, drops everything. Race-free: an
 * answer is stored only if no notice touching its metric arrived between the
 * request's start and its end. Its snapshot was taken after the request
 * started, so it includes every change notified before; a change committed
 * after it is notified later and drops it. While not listening, nothing is
 * read or stored.
 *
 * With reads on a replica (`replayedPast`), a notice received before the
 * request started may be ahead of the replica: its snapshot then predates
 * the change, and storing it would keep a stale answer until the metric's
 * next notice. So an answer is also stored only once its basis covers the
 * last notice that touched its metric and the floor: the last notice that
 * touched everything, or the primary's figures head when LISTEN (re)started
 * (notices may have been missed before it; `setFloor`).
 */
export class EstimateCache {
  /** Counts notices; an answer computed from generation g is stored only if nothing it reads was touched after g. */
  private generation = 0;
  private clearedAt = 0;
  private readonly touchedAt = new Map<string, number>();
  /** With a replica: the last notice position per metric since the last full invalidation, and the floor. */
  private readonly touchedPosition = new Map<string, string>();
  private floor: string | typeof PENDING | null = null;
  private floorPendingSince = -1;
  private listening = false;
  /** Least recently used out first beyond maxEntries; older than maxAgeMs (from the request's start) expires on lookup. */
  private readonly entries: LRUCache<string, Entry>;
  private readonly byMetric = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, { generation: number; served: Promise<ServedEstimate> }>();
  private readonly now: () => number;
  readonly stats: EstimateCacheStats = {
    hits: 0,
    misses: 0,
    bypassed: 0,
    stored: 0,
    joined: 0,
    invalidations: 0,
    partialInvalidations: 0,
    invalidatedMetrics: 0,
    listenerLosses: 0,
  };

  constructor(private readonly options: EstimateCacheOptions) {
    this.now = options.now ?? Date.now;
    const now = this.now;
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries,
      // maxAgeMs 0 caches nothing (see `active`); lru-cache refuses a ttl of 0.
      ...(options.maxAgeMs > 0 ? { ttl: options.maxAgeMs } : {}),
      // The injected clock is read on every access (no 1 ms debounce timer).
      ttlResolution: 0,
      perf: { now: () => now() },
      // Evicted, expired, replaced or deleted: the metric's index forgets the key.
      dispose: (entry, key) => this.unindex(entry.metricKey, key),
    });
  }

  /** Entries held now (a gauge). */
  get size(): number {
    return this.entries.size;
  }

  /** Wired to ReadModelListener's events. */
  onNotice(notice: ReadModelNotice): void {
    if (!ESTIMATE_PROJECTIONS.has(notice.projection)) return;
    // A switch: this process reads the new version at once, not after the schema cache's TTL.
    if (notice.change !== 'advance') invalidateActiveSchemas();
    if (notice.change === 'advance' && notice.keys && this.touchedAt.size + notice.keys.length <= MAX_TRACKED_METRICS) {
      this.invalidateMetrics(notice.keys);
      if (this.options.replayedPast) for (const key of notice.keys) this.touchedPosition.set(key, notice.position);
    } else {
      this.invalidate();
      // Later in commit order than every notice before (and any missed before LISTEN), so later in log order too.
      this.floor = notice.position;
    }
  }

  onListening(listening: boolean): void {
    if (this.listening && !listening) this.stats.listenerLosses++;
    this.listening = listening;
    this.invalidate();
    if (this.options.replayedPast) {
      this.floor = PENDING;
      this.floorPendingSince = this.generation;
    }
  }

  /** With a replica: the generation to hand back to setFloor with the primary's figures head, looked up now. */
  get floorRequest(): number | null {
    return this.floor === PENDING ? this.floorPendingSince : null;
  }

  /**
   * The primary's figures head, read after LISTEN took effect (request: floorRequest's value). A notice that
   * touched everything since has set a later floor, and a newer reconnect asks again: both win.
   */
  setFloor(position: string, request: number): void {
    if (this.floor === PENDING && this.floorPendingSince === request) this.floor = position;
  }

  get active(): boolean {
    return this.listening && this.options.maxAgeMs > 0;
  }

  /** The day a head request describes (its key's validAt), or null when it must take the normal path. */
  headDay(request: ReadRequest): string | null {
    if (!this.active || request.asOf !== undefined || request.minPosition !== undefined) return null;
    // A version this server lacks is refused by the normal path.
    if (request.algorithmVersion !== undefined && !isEstimateAlgorithmVersion(request.algorithmVersion)) return null;
    const today = this.today();
    return request.validAt === undefined || request.validAt === today ? today : null;
  }

  /** The UTC day now, remembered with its bounds: every hit asks, and formatting a Date costs more than the rest of a lookup. */
  private day = { from: 0, to: 0, today: '' };
  private today(): string {
    const now = this.now();
    if (now < this.day.from || now >= this.day.to) {
      const from = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
      this.day = { from, to: from + DAY_MS, today: todayOf(new Date(now)) };
    }
    return this.day.today;
  }

  /** Everything a head answer depends on besides the log: the day, the algorithm version and its filters. */
  static key(metricKey: string, day: string, version: number, filters: EstimateFilters): string {
    return `${metricKey} ${day} v${version} ${filters.excludeParties ? 'x' : '-'}${filters.includeUnverified ? 'u' : '-'}`;
  }

  /** The cached answer for a key from keyOf, most recently used first to stay; a hit unless `count` is false (the caller counts it). */
  lookup(key: string, count = true): ServedEstimate | undefined {
    // A hit becomes the most recently used; an expired entry is dropped and missed.
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (count) this.stats.hits++;
    return entry;
  }

  /** The answer for a request (served() without the body). */
  estimate = async (...args: Parameters<EstimateCache['served']>): Promise<EstimateAnswer> => (await this.served(...args)).answer;

  /** The answer and its body: cached, or computed (serialised once: joiners and hits send that text) and stored if no generation passed meanwhile. */
  async served(metricKey: string, request: ReadRequest, filters: EstimateFilters, compute: () => Promise<EstimateAnswer>): Promise<ServedEstimate> {
    const day = this.headDay(request);
    const version = request.algorithmVersion ?? LATEST_ESTIMATE_ALGORITHM_VERSION;
    // Version 1 with includeUnverified is refused by the normal path.
    if (day === null || (version === 1 && filters.includeUnverified !== undefined)) {
      this.stats.bypassed++;
      return { answer: await compute(), body: undefined };
    }
    const key = EstimateCache.key(metricKey, day, version, filters);
    const cached = this.lookup(key);
    if (cached) return cached;
    // Joins a computation of the same key begun with nothing touching it since: it reflects every
    // notice received before this request, as a stored answer would (a hot metric's misses do not pile up).
    const running = this.inFlight.get(key);
    if (running && this.untouchedSince(metricKey, running.generation)) {
      this.stats.joined++;
      return running.served;
    }
    this.stats.misses++;
    const generation = this.generation;
    const storedAt = this.now();
    const pending = compute().then((answer): ServedEstimate => ({
      answer,
      body: subjectsIn(answer).size === 0 ? Buffer.from(JSON.stringify(answer)) : undefined,
    }));
    const flight = { generation, served: pending };
    this.inFlight.set(key, flight);
    try {
      const served = await pending;
      const answer = served.answer;
      // answer.basis.validAt differs if a day began meanwhile.
      const storable = () => this.untouchedSince(metricKey, generation) && this.active && answer.basis.validAt === day;
      if (storable() && (await this.replayedPast(metricKey, answer.basis.position)) && storable())
        this.store(key, { metricKey, ...served, storedAt });
      return served;
    } finally {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    }
  }

  /** Whether a replica's answer at `basisPosition` covers every notice received before it touching `metricKey`. */
  private async replayedPast(metricKey: string, basisPosition: string): Promise<boolean> {
    const check = this.options.replayedPast;
    if (!check) return true;
    if (this.floor === PENDING) return false;
    const required = [this.floor, this.touchedPosition.get(metricKey)].filter((p): p is string => p !== null && p !== undefined && p !== '0');
    try {
      for (const position of required) if (!(await check(basisPosition, position))) return false;
      return true;
    } catch {
      return false; // not stored; the answer itself stands
    }
  }

  private untouchedSince(metricKey: string, generation: number): boolean {
    return this.clearedAt <= generation && (this.touchedAt.get(metricKey) ?? 0) <= generation;
  }

  private store(key: string, entry: Entry): void {
    // Its age counts from the request's start (its snapshot is at least that old); replacing or evicting unindexes first.
    this.entries.set(key, entry, { start: entry.storedAt });
    let keys = this.byMetric.get(entry.metricKey);
    if (!keys) this.byMetric.set(entry.metricKey, (keys = new Set()));
    keys.add(key);
    this.stats.stored++;
  }

  private unindex(metricKey: string, key: string): void {
    const keys = this.byMetric.get(metricKey);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byMetric.delete(metricKey);
  }

  private invalidateMetrics(metricKeys: readonly string[]): void {
    const generation = ++this.generation;
    for (const metricKey of metricKeys) {
      this.touchedAt.set(metricKey, generation);
      // A copy: each delete unindexes its key.
      for (const key of [...(this.byMetric.get(metricKey) ?? [])]) this.entries.delete(key);
    }
    this.stats.partialInvalidations++;
    this.stats.invalidatedMetrics += metricKeys.length;
  }

  private invalidate(): void {
    this.clearedAt = ++this.generation;
    // clearedAt now covers every metric touched before (and the floor every position).
    this.touchedAt.clear();
    this.touchedPosition.clear();
    this.entries.clear();
    this.byMetric.clear();
    this.stats.invalidations++;
  }
}
