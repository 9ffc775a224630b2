import { randomUUID } from 'node:crypto';
import type { BenchCase } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { FIGURE_REPORTED, figureReported } from '../fixtures/payload';
import { groupSuffix, nameSuffix, type CommitMode } from '../harness/commit-mode';
import { emmettFixture, emmettStore, type EmmettEvent, type EmmettEventStore } from '../peers/emmett';

const emmettEvent = (n: number): EmmettEvent => ({ type: FIGURE_REPORTED, ...figureReported(n) });

/** Emmett appendToStream of one event with the writer's known stream version, each writer on its own stream. */
export function emmettAppendOne(concurrency: number, mode: CommitMode = 'durable'): BenchCase {
  let store: EmmettEventStore;
  return {
    name: `emmett.append-1.c${concurrency}${nameSuffix(mode)}`,
    group: `append 1 event, c=${concurrency}${groupSuffix(mode)}`,
    title: `Emmett appendToStream, 1 event, expected version, ${concurrency} writer(s)`,
    unit: 'events',
    baseline: `baseline.insert-1.c${concurrency}${nameSuffix(mode)}`,
    target: { note: 'peer; issue cites 0.4–0.6×' },
    needsBenchDeps: true,
    async setup(ctx) {
      store = await emmettStore(ctx, mode);
    },
    run(_round, budget) {
      const streams = Array.from({ length: concurrency }, () => `figure-${randomUUID()}`);
      return loadLoop(concurrency, budget, async (w, i) => {
        await store.appendToStream(streams[w]!, [emmettEvent(i)], { expectedStreamVersion: BigInt(i) });
        return 1;
      });
    },
    teardown: async () => undefined,
  };
}

/** Emmett appendToStream of 100 events (one transaction). */
export function emmettAppendBatch(mode: CommitMode = 'durable'): BenchCase {
  let store: EmmettEventStore;
  let batch = 100;
  return {
    name: `emmett.append-100${nameSuffix(mode)}`,
    group: `append 100 events in one transaction${groupSuffix(mode)}`,
    title: 'Emmett appendToStream, 100 events, expected version',
    unit: 'events',
    baseline: `baseline.insert-100${nameSuffix(mode)}`,
    target: { note: 'peer; issue cites ≈ 0.5×' },
    needsBenchDeps: true,
    async setup(ctx) {
      store = await emmettStore(ctx, mode);
      batch = ctx.scale.batchEvents;
    },
    run(_round, budget) {
      const stream = `figure-${randomUUID()}`;
      return loadLoop(1, budget, async (_w, i) => {
        const events = Array.from({ length: batch }, (_, k) => emmettEvent(i * batch + k));
        await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(i * batch) });
        return batch;
      });
    },
    teardown: async () => undefined,
  };
}

/** Emmett readStream of one 1,000-event stream. */
export function emmettReadStream(): BenchCase {
  let store: EmmettEventStore;
  const stream = `figure-${randomUUID()}`;
  return {
    name: 'emmett.read-stream',
    group: 'read a 1,000-event stream',
    title: 'Emmett readStream',
    unit: 'events',
    baseline: 'baseline.read-stream',
    needsBenchDeps: true,
    async setup(ctx) {
      store = (await emmettFixture(ctx)).store;
      const { batchEvents, streamEvents } = ctx.scale;
      for (let v = 0; v < streamEvents; v += batchEvents) {
        const events = Array.from({ length: Math.min(batchEvents, streamEvents - v) }, (_, k) => emmettEvent(v + k));
        await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(v) });
      }
    },
    run(_round, budget) {
      return loadLoop(1, budget, async () => (await store.readStream(stream)).events.length);
    },
    teardown: async () => undefined,
  };
}
