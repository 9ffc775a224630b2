/**
 * The cases that wait for the projections and the HTTP read side.
 * Each becomes a `*.case.ts` module in cases/index.ts when its part lands;
 * until then docs/benchmarks.md lists them as pending, never with numbers.
 */
export interface PendingCase {
  name: string;
  what: string;
  baseline: string;
  target: string;
  waitsFor: string;
}

export const PENDING_CASES: PendingCase[] = [
  {
    name: 'factledger.projection-catch-up',
    what: '3. projection catch-up over 1M events with the real read models, events/s',
    baseline: 'baseline.paged-read',
    target: '≥ 0.3× (Emmett consumer ≈ 0.05×)',
    waitsFor: 'libs/projections read models',
  },
  {
    name: 'factledger.estimate-query',
    what: '4. as-of and valid-at estimate queries on a 1M-event ledger, p50/p99',
    baseline: '–',
    target: 'see issue',
    waitsFor: 'estimate read model and queries',
  },
  {
    name: 'factledger.http-estimate',
    what: '5. GET /v1/metrics/{key}/estimate over loopback (autocannon) vs a bare Fastify route with the same JSON: requests/s, p99',
    baseline: 'bare Fastify route',
    target: 'see issue',
    waitsFor: 'HTTP read side (apps/api)',
  },
  {
    name: 'factledger.projection-lag',
    what: '6. projection lag, append commit → visible in the estimate, p50/p99 under 1,000 events/s sustained',
    baseline: '–',
    target: 'see issue',
    waitsFor: 'projections worker',
  },
  {
    name: 'factledger.rebuild-rss',
    what: '7. peak RSS of the worker while rebuilding 1M events',
    baseline: '–',
    target: 'see issue',
    waitsFor: 'projections worker (rebuild)',
  },
];
