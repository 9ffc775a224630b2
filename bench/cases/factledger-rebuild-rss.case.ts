import { performance } from 'node:perf_hooks';
import type { BenchCase } from '../harness/bench-case';
import { peakRssMb, startChild } from '../harness/child-process';
import { rebuildLedgerDatabase } from '../fixtures/ledger-database';

const SAMPLE_MS = 100;

/**
 * Peak RSS of a rebuild process: `factledger rebuild --all` (the CLI's
 * runRebuild, processes/rebuild-process.ts) building the next generation of both read models from
 * the start of the ledger, in its own process, run as the worker runs in
 * production: compiled (dist/) with the services' heap cap (tools/node-flags.ts).
 * On its own copy of the ledger (fixtures/ledger-database.ts): round 1 builds
 * the first generation, each later round the next one beside it. The peak is VmHWM, read by the
 * child itself as it exits (processes/report-peak-rss.cjs) and sampled from
 * /proc every 100 ms meanwhile. A round is one whole rebuild; its rate is
 * events rebuilt per second.
 */
export function factledgerRebuildRss(): BenchCase {
  let ledger: Awaited<ReturnType<typeof rebuildLedgerDatabase>>;
  return {
    name: 'factledger.rebuild-rss',
    group: 'rebuild memory',
    title: 'peak RSS of `factledger rebuild --all` (catalog + figures from START, batches of 5,000; compiled, worker heap cap)',
    unit: 'events',
    valueUnit: 'MB',
    target: { maxValue: 300 },
    warmup: false,
    maxRounds: 3,
    async setup(ctx) {
      ledger = await rebuildLedgerDatabase(ctx);
    },
    async run() {
      const { rows } = await ledger.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
      const started = performance.now();
      const child = await startChild('bench/processes/rebuild-process.ts', {
        built: true,
        nodeArgs: ['-r', './bench/processes/report-peak-rss.cjs'],
        env: { DATABASE_URL: ledger.url, LOG_LEVEL: 'warn' },
      });
      let sampled = 0;
      const timer = setInterval(() => (sampled = Math.max(sampled, peakRssMb(child.pid) ?? 0)), SAMPLE_MS);
      const code = await child.exited;
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) throw new Error(`rebuild exited ${code}: ${child.output().slice(-2000)}`);
      const reported = /peak-rss-kb (\d+)/.exec(child.output())?.[1];
      const peak = Math.max(sampled, reported ? Number(reported) / 1024 : 0);
      return { ops: Number(rows[0]!.n), seconds, value: peak };
    },
    teardown: async () => undefined,
  };
}
