import type { BenchCase } from '../harness/bench-case';
import { httpServers, type HttpServers } from '../fixtures/http-servers';
import { autocannonRound } from '../peers/autocannon';

/** Concurrent HTTP connections of the load generator (keep-alive, no pipelining). */
const CONNECTIONS = 10;

function httpCase(options: Pick<BenchCase, 'name' | 'title' | 'baseline' | 'target'> & { server: (s: HttpServers) => string }): BenchCase {
  let servers: HttpServers;
  return {
    ...options,
    group: 'estimate over HTTP',
    unit: 'requests',
    needsBenchDeps: true,
    async setup(ctx) {
      servers = await httpServers(ctx);
    },
    async run(_round, budget) {
      const server = options.server(servers);
      if (server === servers.bare) await servers.refreshBare(); // the API's answers as they are now (writing cases grow them)
      return servers.withCpu(server, () => autocannonRound(server, servers.paths, CONNECTIONS, budget));
    },
    teardown: async () => undefined,
  };
}

/** The ceiling: a bare Fastify route answering each path with the API's current JSON for it, no database. */
export const baselineHttpJson = (): BenchCase =>
  httpCase({
    name: 'baseline.http-json',
    title: `bare Fastify route with the API's estimate JSON, autocannon c=${CONNECTIONS}`,
    server: (s) => s.bare,
  });

/** GET /v1/metrics/{key}/estimate (current estimate, ten metrics in turn) from the API in its own process. */
export const factledgerHttpEstimate = (): BenchCase =>
  httpCase({
    name: 'factledger.http-estimate',
    title: `GET /v1/metrics/{key}/estimate, API (apps/api) in a child process, autocannon c=${CONNECTIONS}`,
    baseline: 'baseline.http-json',
    target: { minRatio: 0.5, maxP99Ms: 20 },
    server: (s) => s.api,
  });
