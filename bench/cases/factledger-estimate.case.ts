import { metricEstimate, type ReadContext } from '@factledger/projections';
import type { BenchCase } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { quantile } from '../harness/stats';
import { ledgerDatabase, type LedgerFixture } from '../fixtures/ledger-database';
import { LEDGER_DAYS, LEDGER_FIRST_DAY } from '../fixtures/million-events';

type Request = { asOf?: string; validAt?: string };

const DAY_MS = 86_400_000;
const hash = (i: number, n: number) => (Math.imul(i + 1, 2654435761) >>> 0) % n;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The estimate's historical reads, in rotation, each for a metric picked at
 * random: asOf a random position, asOf a random time (ISO), validAt a random
 * date at the head, and both asOf a position and validAt a date. metricEstimate
 * as the API calls it (one REPEATABLE READ snapshot, basis resolution, the
 * domain's computeEstimate), one caller at a time; latency per query.
 */
export function factledgerEstimateQuery(): BenchCase {
  let ledger: LedgerFixture;
  let ctx: ReadContext;
  let log: (m: string) => void = () => undefined;
  // Per kind, over every round: the table has one row, the log says which kind makes the tail.
  const byKind: number[][] = [[], [], [], []];
  const KIND_NAMES = ['asOf position', 'asOf time', 'validAt', 'asOf position + validAt'];
  let head = 1;
  const start = Date.parse(LEDGER_FIRST_DAY);
  const kinds: ((i: number) => Request)[] = [
    (i) => ({ asOf: String(1 + hash(i, head)) }),
    (i) => ({ asOf: new Date(start + DAY_MS + hash(i, LEDGER_DAYS * 24) * 3_600_000).toISOString() }),
    (i) => ({ validAt: dateOf(start + hash(i, 720) * DAY_MS) }),
    (i) => ({ asOf: String(1 + hash(i, head)), validAt: dateOf(start + hash(i + 7, 720) * DAY_MS) }),
  ];
  return {
    name: 'factledger.estimate-query',
    group: 'estimate queries on the ledger',
    title: 'metricEstimate: asOf position, asOf time, validAt, asOf + validAt in rotation, c=1',
    unit: 'queries',
    target: { maxP99Ms: 10 },
    async setup(c) {
      ledger = await ledgerDatabase(c);
      log = c.log;
      ctx = { db: ledger.db, waitTimeoutMs: 5000 };
      head = ledger.events;
    },
    run(round, budget) {
      const offset = round * 100_003;
      return loadLoop(1, budget, async (_w, i) => {
        const n = offset + i;
        const started = performance.now();
        await metricEstimate(ctx, `metric_${hash(n, ledger.shape.metrics)}`, kinds[n % kinds.length]!(n));
        if (round > 0) byKind[n % kinds.length]!.push(performance.now() - started);
        return 1;
      });
    },
    async teardown() {
      const ms = (v: number) => v.toFixed(2);
      log(
        `estimate-query by kind (p50 / p99 / max ms): ${byKind.map((t, k) => `${KIND_NAMES[k]} ${ms(quantile(t, 0.5))} / ${ms(quantile(t, 0.99))} / ${ms(Math.max(...t))}`).join('; ')}`,
      );
    },
  };
}
