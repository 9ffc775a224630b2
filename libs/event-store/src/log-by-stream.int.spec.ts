import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import type { DomainEvent } from '@factledger/shared';
import type { EventStoreTables } from './event-store.table';
import { START } from './event-store.types';
import { appendToStream, readAllAfter, readLogByStream, type NumberedLogEvent } from './events.repository';
import { logOrder } from './log-order';

const asIs = (stored: { type: string; data: unknown }): DomainEvent => ({ type: stored.type, data: stored.data });
const event = (label: string) => ({ id: crypto.randomUUID(), type: 'test.happened.v1', data: { label } });

/** A gate one transaction opens and another waits at. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('readLogByStream: the log stream by stream, each event numbered in log order (PostgreSQL)', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    // Two transactions interleaved: A takes the first position and, after B's, the third, so log order
    // (transaction id, position) differs from position order.
    const [aFirst, bDone] = [gate(), gate()];
    await Promise.all([
      t.db.transaction().execute(async (trx) => {
        await appendToStream(trx, 'figure-b', [event('a1')]);
        aFirst.open();
        await bDone.opened;
        await appendToStream(trx, 'figure-a', [event('a2'), event('a3'), event('a4')]);
      }),
      t.db.transaction().execute(async (trx) => {
        await aFirst.opened;
        await appendToStream(trx, 'metric-m', [event('b1')]);
        bDone.open();
      }),
    ]);
    await appendToStream(t.db, 'figure-b', [event('c1')], { expectedVersion: 1 });
    await appendToStream(t.db, 'source-s', [event('c2'), event('c3')]);
  });
  afterAll(() => t.drop());

  const readAll = async (options: { chunk?: number; categories?: readonly string[] } = {}) => {
    const { events } = await readAllAfter(t.db, START, { limit: 100 });
    const order = await logOrder(t.db, events.at(-1)!);
    const chunks: NumberedLogEvent[][] = [];
    for await (const chunk of readLogByStream(t.db, order, asIs, options)) chunks.push(chunk);
    return { inLogOrder: events, order, chunks };
  };
  const labels = (chunk: NumberedLogEvent[]) => chunk.map((e) => (e.logged.event!.data as { label: string }).label);

  it('numbers every event by its place in log order, whatever the order positions were handed out in', async () => {
    const { inLogOrder, order, chunks } = await readAll();
    expect(inLogOrder.map((e) => (e.data as { label: string }).label)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2', 'c3']);
    const numbers = new Map(chunks.flat().map((e) => [e.logged.id, e.n]));
    expect(inLogOrder.map((e) => numbers.get(e.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(order.count).toBe(8);
    expect(order.lastRecordedAt?.toISOString()).toBe(inLogOrder.at(-1)!.recordedAt.toISOString());
  });

  it('hands out whole streams in stream order, a stream longer than a chunk waiting for the rest of it', async () => {
    const { chunks } = await readAll({ chunk: 2 });
    expect(chunks.map(labels)).toEqual([['a2', 'a3', 'a4'], ['a1', 'c1'], ['b1'], ['c2', 'c3']]);
    expect(chunks.flat().map((e) => e.logged.streamId)).toEqual([
      'figure-a',
      'figure-a',
      'figure-a',
      'figure-b',
      'figure-b',
      'metric-m',
      'source-s',
      'source-s',
    ]);
  });

  it('reads only the streams of the categories asked for, numbered as in the whole log', async () => {
    const { chunks } = await readAll({ chunk: 1, categories: ['source', 'metric'] });
    expect(chunks.map(labels)).toEqual([['c2', 'c3'], ['b1']]);
    expect(chunks.flat().map((e) => e.n)).toEqual([7, 8, 5]);
  });

  it('reads nothing after the checkpoint it was given, even when more was appended since', async () => {
    const { events } = await readAllAfter(t.db, START, { limit: 100 });
    const order = await logOrder(t.db, events[5]!);
    const seen: string[] = [];
    for await (const chunk of readLogByStream(t.db, order, asIs)) seen.push(...labels(chunk));
    expect(seen.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1']);
    expect(order.count).toBe(6);
    const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM events`.execute(t.db);
    expect(rows[0]!.n).toBe('8');
  });
});
