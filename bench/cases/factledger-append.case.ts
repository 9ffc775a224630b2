import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@factledger/event-store';
import type { BenchCase } from '../harness/bench-case';
import { groupSuffix, nameSuffix, writerPool, type CommitMode } from '../harness/commit-mode';
import { loadLoop } from '../harness/load-loop';
import { figureEvent as newEvent } from '../fixtures/payload';

/**
 * factledger case 1: `EventStore.append` of one event with the writer's known
 * version as expected version, each writer on its own stream, through the
 * store as the write side wires it (EVENT_STORE in libs/platform's
 * PlatformModule: prepared statements on the pool, group commit on;
 * no notifier: nothing listens here). The full guarantees: stream lock,
 * idempotency on the event id, version check.
 */
export function factledgerAppendOne(concurrency: number, mode: CommitMode = 'durable'): BenchCase {
  let store: PostgresEventStore;
  return {
    name: `factledger.append-1.c${concurrency}${nameSuffix(mode)}`,
    group: `append 1 event, c=${concurrency}${groupSuffix(mode)}`,
    title: `factledger EventStore.append, 1 event, expected version, ${concurrency} writer(s)`,
    unit: 'events',
    baseline: `baseline.insert-1.c${concurrency}${nameSuffix(mode)}`,
    target: { minRatio: 0.9 },
    async setup(ctx) {
      const { db, pool } = await writerPool(ctx, mode);
      store = new PostgresEventStore(db, undefined, { pool });
    },
    run(_round, budget) {
      const streams = Array.from({ length: concurrency }, () => `figure-${randomUUID()}`);
      return loadLoop(concurrency, budget, async (w, i) => {
        await store.append(streams[w]!, [newEvent(i)], { expectedVersion: i });
        return 1;
      });
    },
    teardown: () => store.close(),
  };
}

/** factledger case 2: one `EventStore.append` of a 100-figure report (one transaction). */
export function factledgerAppendBatch(mode: CommitMode = 'durable'): BenchCase {
  let store: PostgresEventStore;
  let batch = 100;
  return {
    name: `factledger.append-100${nameSuffix(mode)}`,
    group: `append 100 events in one transaction${groupSuffix(mode)}`,
    title: 'factledger EventStore.append, 100 events, expected version',
    unit: 'events',
    baseline: `baseline.insert-100${nameSuffix(mode)}`,
    target: { minRatio: 0.8 },
    async setup(ctx) {
      const { db, pool } = await writerPool(ctx, mode);
      store = new PostgresEventStore(db, undefined, { pool });
      batch = ctx.scale.batchEvents;
    },
    run(_round, budget) {
      const stream = `figure-${randomUUID()}`;
      return loadLoop(1, budget, async (_w, i) => {
        const events = Array.from({ length: batch }, (_, k) => newEvent(i * batch + k));
        await store.append(stream, events, { expectedVersion: i * batch });
        return batch;
      });
    },
    teardown: () => store.close(),
  };
}
