import { performance } from 'node:perf_hooks';
import type { BenchCase } from '../harness/bench-case';
import { emmettLog, type EmmettFixture } from '../peers/emmett';

/**
 * Emmett's async consumer catching up from the beginning of the log with a
 * no-op reactor: its pull loop, decoding and per-message checkpoint, nothing
 * else. The batch size is the best of a sweep on this machine (bench/README.md).
 */
export const EMMETT_CONSUMER_BATCH = 50_000;

export function emmettConsumerCatchUp(batchSize = EMMETT_CONSUMER_BATCH): BenchCase {
  let fixture: EmmettFixture;
  return {
    name: 'emmett.consumer-catch-up',
    group: 'read the log from the start',
    title: `Emmett postgreSQLEventStoreConsumer + no-op reactor, batch ${batchSize}`,
    unit: 'events',
    baseline: 'baseline.paged-read',
    target: { note: 'peer; issue cites ≈ 0.05×' },
    needsBenchDeps: true,
    async setup(ctx) {
      fixture = await emmettLog(ctx);
    },
    async run(round, budget) {
      let ops = 0;
      const consumer = fixture.emmett.postgreSQLEventStoreConsumer({
        connectionString: fixture.url,
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize },
      });
      consumer.reactor({
        // a new processor each round, so each round starts from the beginning
        processorId: `bench-${round}-${Date.now()}`,
        startFrom: 'BEGINNING',
        eachMessage: async () => (++ops >= budget.maxOps ? { type: 'STOP' } : undefined),
      });
      const started = performance.now();
      const timer = setTimeout(() => void consumer.stop(), budget.seconds * 1000);
      try {
        await consumer.start();
      } finally {
        clearTimeout(timer);
      }
      const seconds = (performance.now() - started) / 1000;
      await consumer.close();
      return { ops, seconds };
    },
    teardown: async () => undefined,
  };
}
