import { performance } from 'node:perf_hooks';
import type { Budget, RoundResult } from './bench-case';

/**
 * Runs `concurrency` workers in a closed loop until the budget is spent. Each
 * call of `step` does one operation and returns how many units it did (1
 * event, 100 events, ...). Latency is per step, in milliseconds.
 */
export async function loadLoop(
  concurrency: number,
  budget: Budget,
  step: (worker: number, iteration: number) => Promise<number>,
): Promise<RoundResult> {
  const latencies: number[] = [];
  let ops = 0;
  const started = performance.now();
  const deadline = started + budget.seconds * 1000;
  const worker = async (w: number) => {
    for (let i = 0; ops < budget.maxOps && performance.now() < deadline; i++) {
      const t0 = performance.now();
      const done = await step(w, i); // not `ops += await ...`: that would add to a stale `ops`
      latencies.push(performance.now() - t0);
      ops += done;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { ops, seconds: (performance.now() - started) / 1000, latencies };
}
