import type { Kysely } from 'kysely';
import type { Database } from '@factledger/database-schema';
import type pg from 'pg';

/** How long one round of one case may run: whichever limit comes first. */
export interface Budget {
  seconds: number;
  /** Caps operations (e.g. events) per round; the smoke test uses it to stay tiny. */
  maxOps: number;
}

/** Sizes of the prepared data sets, smaller in quick and smoke modes. */
export interface Scale {
  /** Events in the read-side logs (paged read, consumer catch-up). */
  logEvents: number;
  /** Events in the single stream the stream-read cases read. */
  streamEvents: number;
  /** Events per batch append / multi-row INSERT. */
  batchEvents: number;
  /** Rows per COPY statement. */
  copyRows: number;
}

export interface BenchContext {
  /** The scratch database, migrated to the latest factledger schema. */
  url: string;
  /** Shared pool on the scratch database (≥ 10 connections) and Kysely over it. */
  pool: pg.Pool;
  db: Kysely<Database>;
  scale: Scale;
  /** Runs `init` once per run under `key`, so cases can share fixtures and still run alone (--only). */
  once<T>(key: string, init: () => Promise<T>): Promise<T>;
  /** Registers cleanup to run after all cases (e.g. dropping a peer's database). */
  onClose(fn: () => Promise<void>): void;
  log(message: string): void;
  /** Keep the read side's ledger database at the end (`--keep`), and reuse one already loaded (`--reuse-ledger`). */
  keepLedger?: boolean;
  reuseLedger?: boolean;
}

export interface RoundResult {
  /** Units of work done (events appended, events read, requests, ...). */
  ops: number;
  /** Wall time of the measured part only. */
  seconds: number;
  /** Per-operation latencies in milliseconds, for cases that report p50/p99. */
  latencies?: number[];
  /** A level measured over the round instead of a rate (e.g. peak RSS in MB), for cases with `valueUnit`. */
  value?: number;
  /** Measured alongside, per round (e.g. the write rate a load achieved, a cache's hit rate); reported as medians. */
  notes?: Record<string, number>;
}

export interface Target {
  /** Met when median ops/s ÷ baseline median ops/s (paired by round) is at least this. */
  minRatio?: number;
  /** Met when the median of the rounds' p99 latency is at most this. */
  maxP99Ms?: number;
  /** Met when the median of the rounds' `value` is at most this (cases with `valueUnit`). */
  maxValue?: number;
  /** Shown beside the target, e.g. what the peer measures. */
  note?: string;
}

/**
 * One benchmark: a small module in bench/cases registered in cases/index.ts.
 * `run` is called once per round (rounds of all cases are interleaved) and
 * measures only the work, not its preparation.
 */
export interface BenchCase {
  /** Unique, kebab-case, e.g. `factledger.append-1.c8`. */
  name: string;
  /** Cases of a group are printed together, e.g. `append 1 event, c=8`. */
  group: string;
  /** What is measured, one line. */
  title: string;
  /** Unit of `ops`, e.g. `events`, `requests`. */
  unit: string;
  /** Name of the case this one is a ratio to. */
  baseline?: string;
  target?: Target;
  /**
   * The case's headline is a level each round reports in `value` (e.g. `MB`
   * for peak RSS), not ops/s: the median, spread and rounds show that value.
   */
  valueUnit?: string;
  /** At most this many measured rounds (the first ones), for cases whose round is a whole long job; at least 3. */
  maxRounds?: number;
  /** Default true; false for cases whose round is a whole long job (a 1M-event rebuild), so the warm-up is not worth its minutes. */
  warmup?: boolean;
  /** Needs bench/node_modules (the Emmett peer); skipped when it is not installed. */
  needsBenchDeps?: boolean;
  setup(ctx: BenchContext): Promise<void>;
  run(round: number, budget: Budget): Promise<RoundResult>;
  teardown(): Promise<void>;
}
