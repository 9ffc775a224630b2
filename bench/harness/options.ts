import type { Scale } from './bench-case';
import { SCALES } from './context';

export interface Options {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  only?: string;
  scale: Scale;
  /** Write docs/benchmarks.md: by default only for a full, unfiltered run. */
  write: boolean;
  keepDatabase: boolean;
  /** Reuse `<scratch>_ledger` when it already holds a log (read models caught up to it, not reloaded). */
  reuseLedger: boolean;
  /** CHECKPOINT before every case-round (off by default: it puts every round in the full-page-write regime). */
  checkpointEachRound: boolean;
  database: string;
}

const USAGE = `usage: npm run bench -- [--rounds N] [--seconds S] [--quick] [--only REGEX] [--log-events N] [--write|--no-write] [--keep] [--reuse-ledger]
  --rounds N      rounds per case (default 5, at least 3; env BENCH_ROUNDS)
  --seconds S     seconds per round (default 3; env BENCH_SECONDS)
  --quick         3 rounds of 1 s, 100k-event log (env BENCH_QUICK=1)
  --only REGEX    cases whose name or group matches, plus their baselines (env BENCH_ONLY)
  --log-events N  events in the read logs (default 1,000,000)
  --write         write docs/benchmarks.md even for a quick or filtered run
  --no-write      print only
  --keep          keep the scratch database (and its _ledger) afterwards
  --reuse-ledger  reuse a kept _ledger database (env BENCH_REUSE_LEDGER=1); implies --keep
  --render        only rewrite docs/benchmarks.md from the last run (bench/.results/last-run.json)
  --checkpoint-each-round  CHECKPOINT before every case-round`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Options {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return false;
    args.splice(i, 1);
    return true;
  };
  const value = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    args.splice(i, 2);
    return v;
  };
  if (flag('--help') || flag('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = flag('--quick') || env.BENCH_QUICK === '1';
  const rounds = Number(value('--rounds') ?? env.BENCH_ROUNDS ?? (quick ? 3 : 5));
  const seconds = Number(value('--seconds') ?? env.BENCH_SECONDS ?? (quick ? 1 : 3));
  const only = value('--only') ?? env.BENCH_ONLY;
  const logEvents = value('--log-events');
  const write = flag('--write') ? true : flag('--no-write') ? false : !quick && !only;
  const reuseLedger = flag('--reuse-ledger') || env.BENCH_REUSE_LEDGER === '1';
  const keepDatabase = flag('--keep') || reuseLedger;
  const checkpointEachRound = flag('--checkpoint-each-round');
  if (args.length) throw new Error(`unknown arguments: ${args.join(' ')}\n${USAGE}`);
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error('--rounds must be an integer ≥ 3: medians of fewer are not worth printing');
  if (!(seconds > 0)) throw new Error('--seconds must be positive');
  const scale = { ...(quick ? SCALES.quick : SCALES.full) };
  if (logEvents) scale.logEvents = Number(logEvents);
  return {
    rounds,
    seconds,
    warmupSeconds: Math.min(1, seconds),
    only,
    scale,
    write,
    keepDatabase,
    reuseLedger,
    checkpointEachRound,
    database: env.BENCH_DATABASE ?? 'factledger_bench',
  };
}
