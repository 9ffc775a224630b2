import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import type { EventStoreTables } from './event-store.table';
import { appendToStream, readAllAfter } from './events.repository';
import { START, type Checkpoint } from './event-store.types';

const WRITERS = 8;
const TRANSACTIONS_PER_WRITER = 350;
const STREAMS = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Chaos: writers commit out of position order, some roll back, while a
 * consumer follows the log from its checkpoint. Position-based readers lose
 * events here; the (transaction id, position) rule must not.
 */
describe('gap-safe catch-up under concurrent writers', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: WRITERS + 2 });
  });
  afterAll(() => t.drop());

  it('delivers every committed event exactly once, no rolled-back event, in per-stream order', async () => {
    const prefix = `chaos-${randomUUID().slice(0, 8)}`;
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < TRANSACTIONS_PER_WRITER; i++) {
        const streamId = `${prefix}-${(w * 7 + i) % STREAMS}`;
        const ids = Array.from({ length: 1 + (i % 3) }, () => randomUUID());
        const rollback = Math.random() < 0.12;
        try {
          await t.db.transaction().execute(async (trx) => {
            await appendToStream(
              trx,
              streamId,
              ids.map((id) => ({ id, type: 'chaos.v1', data: { w, i } })),
            );
            // hold the transaction open for a while so later positions commit first
            if (Math.random() < 0.3) await sleep(Math.random() * 6);
            if (rollback) throw new Error('rollback');
          });
          ids.forEach((id) => committed.add(id));
        } catch (e) {
          if ((e as Error).message !== 'rollback') throw e;
          ids.forEach((id) => rolledBack.add(id));
        }
      }
    };

    const seen: { id: string; streamId: string; version: number }[] = [];
    let deadline = Infinity;
    const consumer = async () => {
      let checkpoint: Checkpoint = START;
      for (;;) {
        const stillWriting = writing;
        const page = await readAllAfter(t.db, checkpoint, { limit: 97 });
        for (const e of page.events) if (e.streamId.startsWith(prefix)) seen.push({ id: e.id, streamId: e.streamId, version: e.streamVersion });
        checkpoint = page.checkpoint;
        if (page.events.length === 0) {
          // Done once writers stopped and everything committed was delivered. The
          // deadline only bounds the wait: a transaction left open elsewhere in the
          // cluster legitimately hides newer commits until it ends.
          if (!stillWriting && (seen.length >= committed.size || Date.now() > deadline)) return;
          await sleep(stillWriting ? 1 : 10);
        }
      }
    };

    const reading = consumer();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    deadline = Date.now() + 20_000;
    writing = false;
    await reading;

    expect(committed.size).toBeGreaterThan(2000);
    expect(rolledBack.size).toBeGreaterThan(0);
    const ids = seen.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(new Set(ids)).toEqual(committed); // nothing skipped
    const lastVersion = new Map<string, number>();
    for (const s of seen) {
      expect(s.version).toBe((lastVersion.get(s.streamId) ?? 0) + 1); // per-stream order, gapless
      lastVersion.set(s.streamId, s.version);
    }
  });
});
