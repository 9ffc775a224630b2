import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendToStream, readStream, type EventStoreTables } from '@factledger/event-store';
import type { BenchCase, BenchContext } from '../harness/bench-case';
import { loadLoop } from '../harness/load-loop';
import { figureEvent as newEvent } from '../fixtures/payload';

/** factledger readStream of one 1,000-event stream. */
export function factledgerReadStream(): BenchCase {
  let db: Kysely<EventStoreTables>;
  const stream = `figure-${randomUUID()}`;
  return {
    name: 'factledger.read-stream',
    group: 'read a 1,000-event stream',
    title: 'factledger readStream',
    unit: 'events',
    baseline: 'baseline.read-stream',
    async setup(ctx: BenchContext) {
      db = ctx.db;
      const { batchEvents, streamEvents } = ctx.scale;
      for (let v = 0; v < streamEvents; v += batchEvents) {
        const events = Array.from({ length: Math.min(batchEvents, streamEvents - v) }, (_, k) => newEvent(v + k));
        await appendToStream(db, stream, events, { expectedVersion: v });
      }
    },
    run(_round, budget) {
      return loadLoop(1, budget, async () => (await readStream(db, stream)).length);
    },
    teardown: async () => undefined,
  };
}
