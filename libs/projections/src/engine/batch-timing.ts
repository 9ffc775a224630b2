import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Per-batch phase timing for profiling the projector's lag (off unless
 * PROJECTOR_TIMING_FILE names a file): the subscriber begins a batch, the
 * engine and the read model mark the end of each phase, and the batch's end
 * appends one JSON line, `{ label, total, idle, events, phases: { name: ms } }`
 * (idle: ms since that subscriber's previous batch ended). Each follower's
 * loop is its own async chain, so the batch in progress is kept per chain:
 * a worker runs several read models at once.
 */
const file = process.env['PROJECTOR_TIMING_FILE'];

interface Timing {
  label: string;
  started: number;
  last: number;
  idle: number;
  phases: Record<string, number>;
}

const current = new AsyncLocalStorage<Timing>();
const lastEnd = new Map<string, number>();
const ms = (x: number) => Math.round(x * 100) / 100;

export const batchTiming = {
  begin(label: string): void {
    if (!file) return;
    const now = performance.now();
    current.enterWith({ label, started: now, last: now, idle: now - (lastEnd.get(label) ?? now), phases: {} });
  },
  /** Ends the phase running since the previous mark (or the begin); repeated names add up. */
  mark(phase: string): void {
    const timing = file ? current.getStore() : undefined;
    if (!timing) return;
    const now = performance.now();
    timing.phases[phase] = (timing.phases[phase] ?? 0) + (now - timing.last);
    timing.last = now;
  },
  end(extra: Record<string, unknown>): void {
    const timing = file ? current.getStore() : undefined;
    if (!timing || !file) return;
    const now = performance.now();
    lastEnd.set(timing.label, now);
    const phases = Object.fromEntries(Object.entries(timing.phases).map(([k, v]) => [k, ms(v)]));
    appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), label: timing.label, total: ms(now - timing.started), idle: Math.round(timing.idle), ...extra, phases })}\n`,
    );
    timing.phases = {};
    timing.started = timing.last = now;
  },
};
