import type { BenchCase, RoundResult } from '../harness/bench-case';
import { httpServers, type HttpServers } from '../fixtures/http-servers';
import { HOT_METRIC_RATE, WRITE_RATE, writeLoad, type WriteLoad } from '../fixtures/figure-writer';
import { autocannonRound } from '../peers/autocannon';

const CONNECTIONS = 10;
const GROUP = `estimate over HTTP while writing ${WRITE_RATE} figures/s`;

interface CacheCounters {
  hits: number;
  misses: number;
  joined: number;
  invalidations: number;
  partialInvalidations: number;
}

/** This API process's estimate-cache counters (GET /v1/projections, estimateCache). */
async function cacheCounters(api: string): Promise<CacheCounters> {
  const response = await fetch(`${api}/v1/projections`);
  if (response.status !== 200) throw new Error(`GET /v1/projections answered ${response.status}`);
  return ((await response.json()) as { estimateCache: CacheCounters }).estimateCache;
}

/** Head paths of the hottest metrics (metric_0 … metric_4) and of the coldest ten, in turn. */
function mixedPaths(s: HttpServers, metrics: number): string[] {
  const keys = new Set([
    ...Array.from({ length: Math.min(5, metrics) }, (_, i) => i),
    ...Array.from({ length: Math.min(10, metrics) }, (_, i) => metrics - 1 - i),
  ]);
  return [...keys].map((i) => s.paths[0]!.replace('metric_0', `metric_${i}`));
}

function writingCase(
  options: Pick<BenchCase, 'name' | 'title' | 'baseline' | 'target'> & {
    server: (s: HttpServers) => string;
    paths: (s: HttpServers, metrics: number) => string[];
  },
): BenchCase {
  let servers: HttpServers;
  let load: WriteLoad;
  let metrics: number;
  return {
    name: options.name,
    title: options.title,
    baseline: options.baseline,
    target: options.target,
    group: GROUP,
    unit: 'requests',
    async setup(ctx) {
      servers = await httpServers(ctx);
      load = await writeLoad(ctx);
      metrics = load.metrics;
    },
    async run(_round, budget): Promise<RoundResult> {
      const isApi = options.server(servers) === servers.api;
      if (!isApi) await servers.refreshBare(); // the API's answers as they are now: this load grows them
      const before = isApi ? await cacheCounters(servers.api) : null;
      const writer = load.start();
      const server = options.server(servers);
      const reading = servers.withCpu(server, () => autocannonRound(server, options.paths(servers, metrics), CONNECTIONS, budget));
      // Stop the writer whatever the reads did, then report the reads' failure first.
      const [read, written] = await Promise.allSettled([
        reading,
        reading.then(
          () => writer.stop(),
          () => writer.stop(),
        ),
      ]);
      if (read.status === 'rejected') throw read.reason;
      if (written.status === 'rejected') throw written.reason;
      const result = read.value;
      const notes: Record<string, number> = { ...result.notes, 'writes/s': written.value.appended / written.value.seconds };
      if (before) {
        const after = await cacheCounters(servers.api);
        const hits = after.hits - before.hits;
        const lookups = hits + after.misses - before.misses + after.joined - before.joined;
        notes['hit rate'] = lookups === 0 ? Number.NaN : hits / lookups;
        notes['full invalidations'] = after.invalidations - before.invalidations;
        notes['partial invalidations'] = after.partialInvalidations - before.partialInvalidations;
      }
      return { ...result, notes };
    },
    teardown: async () => undefined,
  };
}

/** The ceiling under the same write load: a bare Fastify route answering the API's JSON (no database), same paths. */
export const baselineHttpJsonWriting = (): BenchCase =>
  writingCase({
    name: 'baseline.http-json-writing',
    title: `bare Fastify route with the API's estimate JSON while ${WRITE_RATE} figures/s are reported, autocannon c=${CONNECTIONS}`,
    server: (s) => s.bare,
    paths: mixedPaths,
  });

/** Current estimates of hot and cold metrics while the ledger takes WRITE_RATE figures/s (Zipf-like over its metrics). */
export const factledgerHttpEstimateWriting = (): BenchCase =>
  writingCase({
    name: 'factledger.http-estimate-writing',
    title: `GET /v1/metrics/{key}/estimate of 5 hot and 10 cold metrics in turn while ${WRITE_RATE} figures/s are reported (Zipf-like), API in a child process, autocannon c=${CONNECTIONS}`,
    baseline: 'baseline.http-json-writing',
    target: { minRatio: 0.8, note: 'stretch: p99 ≤ 10 ms' },
    server: (s) => s.api,
    paths: mixedPaths,
  });

/** The current estimate of the one metric written to at HOT_METRIC_RATE/s (metric_0), under the same load. */
export const factledgerHttpEstimateHot = (): BenchCase =>
  writingCase({
    name: 'factledger.http-estimate-hot-metric',
    title: `GET /v1/metrics/metric_0/estimate, the metric written to at ${HOT_METRIC_RATE}/s, while ${WRITE_RATE} figures/s are reported, autocannon c=${CONNECTIONS}`,
    baseline: 'baseline.http-json-writing',
    target: { minRatio: 0.8, note: 'stretch: p99 ≤ 20 ms' },
    server: (s) => s.api,
    paths: (s) => [s.paths[0]!],
  });
