import type { BenchCase, BenchContext, Budget, RoundResult } from './bench-case';

export interface CaseOutcome {
  case: BenchCase;
  rounds: RoundResult[];
  /** Why the case has no figures: skipped on purpose, or its error. */
  skipped?: string;
  failed?: string;
}

export interface RunPlan {
  rounds: number;
  budget: Budget;
  /** One unrecorded round per case first: JIT, plan caches, connections, buffers. */
  warmup: Budget | null;
  /** Runs before every case-round, e.g. a CHECKPOINT so no case inherits another's dirty buffers. */
  settle?: () => Promise<void>;
  /** Runs once after every setup, e.g. a CHECKPOINT so fixture loading is not flushed during the rounds. */
  afterSetup?: () => Promise<void>;
  /** Runs before each measured round, e.g. to probe the commit latency. */
  beforeRound?: (round: number) => Promise<void>;
  log: (message: string) => void;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Sets every case up, then runs the rounds interleaved (round 1 of every
 * case, then round 2, ...; the order reverses every other round so no case
 * always runs right after the same neighbour), then tears everything down.
 * A failing case is reported, not fatal.
 */
export async function runCases(cases: readonly BenchCase[], ctx: BenchContext, plan: RunPlan): Promise<CaseOutcome[]> {
  const outcomes = cases.map((c): CaseOutcome => ({ case: c, rounds: [] }));
  for (const o of outcomes) {
    try {
      plan.log(`setup ${o.case.name}`);
      await o.case.setup(ctx);
    } catch (e) {
      o.failed = `setup: ${reason(e)}`;
    }
  }
  await plan.afterSetup?.();
  const live = () => outcomes.filter((o) => !o.failed && !o.skipped);
  const runOne = async (o: CaseOutcome, round: number, budget: Budget): Promise<RoundResult | null> => {
    try {
      await plan.settle?.();
      const started = Date.now();
      const result = await o.case.run(round, budget);
      if (Date.now() - started > 500) plan.log(`  ${o.case.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    } catch (e) {
      o.failed = `round ${round}: ${reason(e)}`;
      return null;
    }
  };
  if (plan.warmup) {
    plan.log('warm-up round');
    for (const o of live().filter((o) => o.case.warmup !== false)) await runOne(o, 0, plan.warmup);
  }
  for (let round = 1; round <= plan.rounds; round++) {
    const due = live().filter((o) => round <= Math.max(3, o.case.maxRounds ?? plan.rounds));
    const order = round % 2 === 1 ? due : due.reverse();
    plan.log(`round ${round}/${plan.rounds}`);
    await plan.beforeRound?.(round);
    for (const o of order) {
      const result = await runOne(o, round, plan.budget);
      if (result) o.rounds.push(result);
    }
  }
  for (const o of outcomes) await o.case.teardown().catch((e: unknown) => plan.log(`teardown ${o.case.name}: ${reason(e)}`));
  return outcomes;
}
