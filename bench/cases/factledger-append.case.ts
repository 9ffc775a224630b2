import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendToStream, type EventStoreTables } from '@factledger/event-store';
import type { BenchCase } from '../harness/bench-case';
import { groupSuffix, nameSuffix, writerPool, type CommitMode } from '../harness/commit-mode';
import { loadLoop } from '../harness/load-loop';
import { figureEvent as newEvent } from '../fixtures/payload';

/**
 * factledger case 1: `appendToStream` of one event with the writer's known
 * version as expected version (the full checks: stream lock, idempotency on
 * the event id, version), each writer on its own stream.
 */
export function factledgerAppendOne(concurrency: number, mode: CommitMode = 'durable'): BenchCase {
  let db: Kysely<EventStoreTables>;
  return {
    name: `factledger.append-1.c${concurrency}${nameSuffix(mode)}`,
    group: `append 1 event, c=${concurrency}${groupSuffix(mode)}`,
    title: `factledger appendToStream, 1 event, expected version, ${concurrency} writer(s)`,
    unit: 'events',
    baseline: `baseline.insert-1.c${concurrency}${nameSuffix(mode)}`,
    target: { minRatio: 0.9 },
    async setup(ctx) {
      db = (await writerPool(ctx, mode)).db;
    },
    run(_round, budget) {
      const streams = Array.from({ length: concurrency }, () => `figure-${randomUUID()}`);
      return loadLoop(concurrency, budget, async (w, i) => {
        await appendToStream(db, streams[w]!, [newEvent(i)], { expectedVersion: i });
        return 1;
      });
    },
    teardown: async () => undefined,
  };
}

/** factledger case 2: one `appendToStream` of a 100-figure report (one transaction). */
export function factledgerAppendBatch(mode: CommitMode = 'durable'): BenchCase {
  let db: Kysely<EventStoreTables>;
  let batch = 100;
  return {
    name: `factledger.append-100${nameSuffix(mode)}`,
    group: `append 100 events in one transaction${groupSuffix(mode)}`,
    title: 'factledger appendToStream, 100 events, expected version',
    unit: 'events',
    baseline: `baseline.insert-100${nameSuffix(mode)}`,
    target: { minRatio: 0.8 },
    async setup(ctx) {
      db = (await writerPool(ctx, mode)).db;
      batch = ctx.scale.batchEvents;
    },
    run(_round, budget) {
      const stream = `figure-${randomUUID()}`;
      return loadLoop(1, budget, async (_w, i) => {
        const events = Array.from({ length: batch }, (_, k) => newEvent(i * batch + k));
        await appendToStream(db, stream, events, { expectedVersion: i * batch });
        return batch;
      });
    },
    teardown: async () => undefined,
  };
}
