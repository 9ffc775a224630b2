import { performance } from 'node:perf_hooks';
import { AppendNotifier, PostgresEventStore } from '@factledger/event-store';
import { FIGURES_PROJECTION, metricEstimate, type ReadContext } from '@factledger/projections';
import type { BenchCase } from '../harness/bench-case';
import { startChild, type Child } from '../harness/child-process';
import { ledgerDatabase, type LedgerFixture } from '../fixtures/ledger-database';
import { figureReported } from '../fixtures/figure-writer';

/** The sustained write load, in events per second (one event per append, many streams). */
export const LAG_WRITE_RATE = 1000;
/** Appends in flight at most; past it the writer falls behind and the round's rate shows it. */
const MAX_IN_FLIGHT = 32;
const TICK_MS = 10;
/** How often the reader looks at the projector's checkpoint while a probe is unseen. */
const POLL_MS = 2;
/** One append in PROBE_EVERY is a probe whose visibility in the estimate is timed. */
const PROBE_EVERY = 50;
const PROBE_METRIC = 'metric_0';
const PROBE_SOURCE = 'source-lag-probe';

/**
 * Whether the figures model's checkpoint (its active version's) has reached a
 * probe, compared in log order, (transaction id, position): a group commit
 * gives later positions to a transaction that sorts before another's.
 */
async function checkpointReached(ledger: LedgerFixture, probe: { transactionId: string; position: bigint }): Promise<boolean> {
  const { rows } = await ledger.pool.query<{ reached: boolean }>(
    `SELECT (c.transaction_id, c.position) >= ($2::xid8, $3::bigint) AS reached FROM projection_checkpoints c
       JOIN projection_registry r ON r.name = c.name AND r.active_version = c.version
      WHERE c.name = $1`,
    [FIGURES_PROJECTION, probe.transactionId, probe.position.toString()],
  );
  return rows[0]?.reached === true;
}

/**
 * Projection lag under load: the real projector in a worker process
 * (libs/projections' projector-worker.main.ts with the worker's defaults, woken by NOTIFY) follows the ledger while
 * this process appends LAG_WRITE_RATE figure events/s (PostgresEventStore
 * with its AppendNotifier, as the API appends; open loop, paced every 10 ms). Every 50th append is a probe of a dedicated source
 * of metric_0; its lag is from the append's commit (the call returning) to the
 * first current estimate of metric_0 (metricEstimate) whose probe-source figure
 * is that append or a later one. The estimate is asked for once the projector's
 * checkpoint (polled every 2 ms) has passed the probe: polling the estimate back
 * to back would spend a core of the two on the reader and slow what it measures.
 */
export function factledgerProjectionLag(): BenchCase {
  let ledger: LedgerFixture;
  let worker: Child;
  let ctx: ReadContext;
  let store: PostgresEventStore;
  let n = 0;
  return {
    name: 'factledger.projection-lag',
    group: 'projection lag',
    title: `append commit → visible in the estimate, ${LAG_WRITE_RATE.toLocaleString('en-US')} events/s sustained, projector in a worker process`,
    unit: 'events',
    target: { maxP99Ms: 250 },
    async setup(c) {
      ledger = await ledgerDatabase(c);
      ctx = { db: ledger.db, waitTimeoutMs: 5000 };
      // As the API appends: the store NOTIFYs after each commit (coalesced), which wakes the projector.
      store = new PostgresEventStore(ledger.db, new AppendNotifier(ledger.pool));
      worker = await startChild('libs/projections/src/read-models/testing/projector-worker.main.ts', {
        built: true,
        env: { DATABASE_URL: ledger.url, DATABASE_POOL_SIZE: '4' },
        ready: /^ready$/m,
      });
    },
    async run(_round, budget) {
      const lags: number[] = [];
      const pending: { position: bigint; transactionId: string; committedAt: number }[] = [];
      const failures: unknown[] = [];
      let appended = 0;
      let inFlight = 0;
      let issued = 0;
      const events = Math.min(budget.maxOps, Math.round(budget.seconds * LAG_WRITE_RATE));
      const started = performance.now();
      const append = async () => {
        const k = n++;
        const probe = k % PROBE_EVERY === 0;
        const { stream, event } = figureReported(
          probe ? PROBE_METRIC : `metric_${1 + (k % (ledger.shape.metrics - 1))}`,
          probe ? PROBE_SOURCE : `source-${k % ledger.shape.sources}`,
          k,
        );
        inFlight++;
        try {
          const result = await store.append(stream, [event], { expectedVersion: 'no_stream' });
          if (probe) pending.push({ position: BigInt(result.lastPosition!), transactionId: result.transactionId!, committedAt: performance.now() });
          appended++;
        } catch (e) {
          failures.push(e);
        } finally {
          inFlight--;
        }
      };
      // The writer: an open loop, so a slow projector cannot slow the load down.
      const writer = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const due = Math.min(events, Math.round(((performance.now() - started) / 1000) * LAG_WRITE_RATE));
          while (issued < due && inFlight < MAX_IN_FLIGHT) {
            issued++;
            void append();
          }
          if (issued >= events || performance.now() - started > budget.seconds * 1000 + 1000) {
            clearInterval(timer);
            resolve();
          }
        }, TICK_MS);
      });
      // The reader: while a probe is unseen, the figures model's checkpoint every POLL_MS (one index
      // lookup), and the current estimate once the checkpoint has passed the probe's position.
      let writing = true;
      const reader = (async () => {
        while (writing || inFlight > 0 || pending.length > 0) {
          if (pending.length === 0 || !(await checkpointReached(ledger, pending[0]!))) {
            if (!writing && performance.now() - started > budget.seconds * 1000 + 30_000)
              throw new Error(`${pending.length} probes not reached by the projector 30 s after the load ended`);
            await new Promise((r) => setTimeout(r, POLL_MS));
            continue;
          }
          // The probe source is never registered, so never verified: estimate version 2 counts it only with includeUnverified.
          const { data } = await metricEstimate(ctx, PROBE_METRIC, {}, { includeUnverified: true });
          const seen = BigInt(data.sources.find((s) => s.sourceId === PROBE_SOURCE)?.recordedPosition ?? '0');
          const now = performance.now();
          // A probe counts once the estimate shows it (or a later probe) and the projector has applied it in log order.
          while (pending.length > 0 && pending[0]!.position <= seen && (await checkpointReached(ledger, pending[0]!)))
            lags.push(now - pending.shift()!.committedAt);
          if (!writing && now - started > budget.seconds * 1000 + 30_000)
            throw new Error(`${pending.length} probes not visible 30 s after the load ended`);
        }
      })();
      await writer;
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 1));
      const seconds = (performance.now() - started) / 1000;
      writing = false;
      await reader;
      if (failures.length) throw failures[0];
      return { ops: appended, seconds, latencies: lags };
    },
    async teardown() {
      await worker?.stop();
    },
  };
}
