import { ESTIMATE_ALGORITHM_VERSIONS, LATEST_ESTIMATE_ALGORITHM_VERSION, type EstimateAlgorithmVersion } from '@factledger/ledger-domain';
import { wantsCsv } from '../http/csv/csv-export';
import { EstimateCache } from './estimate-cache';

export const ESTIMATE_ROUTE = '/v1/metrics/:key/estimate';

interface FastifyLike {
  addHook(name: 'preHandler', hook: (request: HookRequest, reply: HookReply, done: () => void) => void): unknown;
}
interface HookRequest {
  method: string;
  ip: string;
  routeOptions: { url?: string };
  params: unknown;
  query: unknown;
  headers: Record<string, string | string[] | undefined>;
}
interface HookReply {
  header(name: string, value: string): HookReply;
  send(body: Buffer): unknown;
}

/**
 * The reads budget the access guard spends (RateLimits.spendNow): undefined when allowed at once (a leased unit
 * at hand: no promise per hit), else a promise that resolves when allowed and rejects when spent.
 */
export type SpendRead = (request: { ip: string }) => Promise<void> | undefined;

const JSON_TYPE = 'application/json; charset=utf-8';
/** The versions, spelled only the one way a basis spells them ('1', not '01'); other spellings take the validated path. */
const VERSIONS: ReadonlyMap<unknown, EstimateAlgorithmVersion> = new Map(ESTIMATE_ALGORITHM_VERSIONS.map((v) => [String(v), v]));

/**
 * Answers a cached head estimate before Nest's pipeline (validation pipe,
 * interceptor, serialisation) runs. Only queries the DTO certainly accepts
 * are answered here, and only keys a validated request stored; anything else
 * (bad input included) goes on to the controller, which validates as usual.
 * preHandler: after every onRequest hook (x-request-id). Installed only while
 * reads are public (READ_ACCESS=public): the access guard runs later, in Nest.
 * A request carrying a key goes on to it too (a bad key is refused, a good
 * one spends its own budget); an answer naming personal data has no body here
 * (EstimateCache stores none), so the controller's interceptor reveals it.
 * A hit spends the caller's reads budget as the guard would (`spendRead`); a
 * spent budget goes on to Nest, whose guard answers the 429 problem.
 */
export function installEstimateFastPath(fastify: FastifyLike, cache: EstimateCache, spendRead?: SpendRead): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'GET' || request.routeOptions.url !== ESTIMATE_ROUTE) return done();
    if (request.headers['authorization'] !== undefined) return done();
    // The cache holds JSON; a CSV (Accept: text/csv) is rendered by the controller.
    const accept = request.headers['accept'];
    if (wantsCsv(undefined, Array.isArray(accept) ? accept.join(',') : accept)) return done();
    const body = cachedBody(cache, (request.params as { key?: unknown }).key, request.query as Record<string, unknown>);
    if (body === undefined) return done();
    const send = () => {
      cache.stats.hits++; // looked up uncounted: only what the rate limit let through is a hit
      reply.header('content-type', JSON_TYPE).send(body);
    };
    const spending = spendRead?.(request);
    if (spending === undefined) return send();
    // Spent: the guard spends again, still over, and answers 429 problem+json with Retry-After.
    spending.then(send, () => done());
  });
}

function cachedBody(cache: EstimateCache, metricKey: unknown, query: Record<string, unknown>): Buffer | undefined {
  if (typeof metricKey !== 'string') return undefined;
  let excludeParties = false;
  let includeUnverified: boolean | undefined;
  let version: EstimateAlgorithmVersion = LATEST_ESTIMATE_ALGORITHM_VERSION;
  let validAt: string | undefined;
  for (const name in query) {
    const value = query[name];
    if ((name === 'excludeParties' || name === 'includeUnverified') && (value === 'true' || value === 'false')) {
      if (name === 'excludeParties') excludeParties = value === 'true';
      else includeUnverified = value === 'true';
    } else if (name === 'validAt' && typeof value === 'string') validAt = value;
    else if (name === 'algorithmVersion' && VERSIONS.has(value)) version = VERSIONS.get(value)!;
    else return undefined;
  }
  // Version 1 refuses includeUnverified: the controller says so.
  if (version === 1 && includeUnverified !== undefined) return undefined;
  const day = cache.headDay({ validAt });
  return day === null ? undefined : cache.lookup(EstimateCache.key(metricKey, day, version, { excludeParties, includeUnverified }), false)?.body;
}
