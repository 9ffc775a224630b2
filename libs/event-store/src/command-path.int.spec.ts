import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { conflict, upcasterOf, type Decider } from '@factledger/shared';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { deterministicEventIds, handleCommand } from './command-path';
import { PostgresEventStore, type EventStore } from './event-store';
import type { EventStoreTables } from './event-store.table';

// A tally that refuses to go above a limit: enough to exercise load → decide → append.
type TallyEvent = { type: 'tally.added.v1'; data: { amount: number } };
type TallyCommand = { type: 'Add'; amount: number; limit: number };
const tally: Decider<TallyCommand, TallyEvent, { total: number }> = {
  upcast: upcasterOf<TallyEvent>({ added: 'tally.added.v1' }),
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount }),
  decide: (c, s) => {
    if (s.total + c.amount > c.limit) throw conflict('tally.over_limit', `total ${s.total} + ${c.amount} exceeds ${c.limit}`);
    return c.amount === 0 ? [] : [{ type: 'tally.added.v1', data: { amount: c.amount } }];
  },
};
const metadata = { actor: 'spec', requestId: 'r1', correlationId: 'c1', reason: 'testing' };

/** The store, except that reads of `streamId` wait until `parties` readers have read it. */
function barrierOnLoad(store: EventStore, streamId: string, parties: number): EventStore {
  const waiting: (() => void)[] = [];
  return Object.assign(Object.create(store) as EventStore, {
    readStream: async (...args: Parameters<EventStore['readStream']>) => {
      const events = await store.readStream(...args);
      if (args[0] === streamId) {
        const passed = new Promise<void>((resolve) => waiting.push(resolve));
        if (waiting.length === parties) for (const release of waiting) release();
        await passed;
      }
      return events;
    },
  });
}

describe('handleCommand: load → evolve → decide → append', () => {
  let t: TestDatabase<EventStoreTables>;
  let store: PostgresEventStore;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: 20 });
    store = new PostgresEventStore(t.db);
  });
  afterAll(() => t.drop());
  const add = (amount: number, limit = 100) => ({ type: 'Add' as const, amount, limit });

  it('decides on the folded state and appends with metadata', async () => {
    const id = `tally-${randomUUID()}`;
    await handleCommand(store, id, tally, add(40), { metadata });
    const result = await handleCommand(store, id, tally, add(50), { metadata });
    expect(result).toMatchObject({ streamVersion: 2, state: { total: 90 }, duplicate: false });
    await expect(handleCommand(store, id, tally, add(20), { metadata })).rejects.toMatchObject({ code: 'tally.over_limit' });
    const events = await store.readStream(id);
    expect(events).toHaveLength(2);
    expect(events[1]!.metadata).toEqual(metadata);
  });

  it('appends nothing for a no-op decision', async () => {
    const id = `tally-${randomUUID()}`;
    const result = await handleCommand(store, id, tally, add(0), { metadata });
    expect(result).toMatchObject({ streamVersion: 0, events: [], lastPosition: null });
  });

  it('refuses a stale If-Match version with the current version (precondition)', async () => {
    const id = `tally-${randomUUID()}`;
    await handleCommand(store, id, tally, add(1), { metadata });
    await expect(handleCommand(store, id, tally, add(1), { metadata, expectedVersion: 0 })).rejects.toMatchObject({
      code: 'stream.version_conflict',
      kind: 'precondition',
      details: { currentVersion: 1 },
    });
  });

  it('lets exactly one of concurrent commands on the same version win; the others see a conflict', async () => {
    const id = `tally-${randomUUID()}`;
    await handleCommand(store, id, tally, add(1), { metadata });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => handleCommand(store, id, tally, add(1), { metadata, expectedVersion: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.code);
    expect(new Set(reasons)).toEqual(new Set(['stream.version_conflict']));
    expect(await store.streamVersion(id)).toBe(2);
  });

  it('reports a write that raced in between load and append as a concurrent-write conflict (409)', async () => {
    const id = `tally-${randomUUID()}`;
    await handleCommand(store, id, tally, add(1), { metadata });
    // Every command has loaded version 1 before any appends: the race is certain.
    const n = 8;
    const racing = barrierOnLoad(store, id, n);
    const results = await Promise.allSettled(Array.from({ length: n }, () => handleCommand(racing, id, tally, add(1), { metadata })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(n - 1);
    for (const r of rejected)
      expect(r.reason).toMatchObject({ code: 'stream.concurrent_write', kind: 'conflict', details: { streamId: id, currentVersion: 2 } });
    expect(await store.streamVersion(id)).toBe(2);
  });

  it('treats a retried command with deterministic ids as already done', async () => {
    const id = `tally-${randomUUID()}`;
    const eventId = deterministicEventIds(`seed-${id}`);
    const first = await handleCommand(store, id, tally, add(60), { metadata, eventId });
    const retry = await handleCommand(store, id, tally, add(60), { metadata, eventId });
    expect(retry).toMatchObject({ duplicate: true, streamVersion: 1, lastPosition: first.lastPosition, state: { total: 60 } });
    expect(await store.streamVersion(id)).toBe(1);
  });

  it('answers a retry whose response was lost with the original result, even with the If-Match it was first sent with', async () => {
    const id = `tally-${randomUUID()}`;
    await handleCommand(store, id, tally, add(1), { metadata });
    const eventId = deterministicEventIds(`seed-${id}`);
    const first = await handleCommand(store, id, tally, add(10), { metadata, eventId, expectedVersion: 1 });
    await handleCommand(store, id, tally, add(100, 1000), { metadata }); // the stream moves on
    const retry = await handleCommand(store, id, tally, add(10), { metadata, eventId, expectedVersion: 1 });
    expect(retry).toMatchObject({
      duplicate: true,
      streamVersion: 2,
      firstPosition: first.firstPosition,
      lastPosition: first.lastPosition,
      state: { total: 11 },
      events: [],
    });
    expect(await store.streamVersion(id)).toBe(3);
    // New work with the same stale If-Match is still refused.
    await expect(
      handleCommand(store, id, tally, add(10), { metadata, eventId: deterministicEventIds(`other-${id}`), expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'stream.version_conflict',
      details: { currentVersion: 3 },
    });
  });

  it('recognises its own landed events by id, not by transaction (a group commit shares one between callers)', async () => {
    const id = `tally-${randomUUID()}`;
    const mine = deterministicEventIds(`mine-${id}`);
    const theirs = deterministicEventIds(`theirs-${id}`);
    // One transaction with two callers' appends to the same stream, as a group commit makes.
    await t.db.transaction().execute(async (tx) => {
      const tallyEvent = (eventId: string, amount: number) => ({ id: eventId, type: 'tally.added.v1', data: { amount }, metadata });
      await sql`SELECT * FROM factledger_append(${id}, 'tally', '0', ${JSON.stringify([tallyEvent(mine(0), 5)])}::jsonb)`.execute(tx);
      await sql`SELECT * FROM factledger_append(${id}, 'tally', '1', ${JSON.stringify([tallyEvent(theirs(0), 7)])}::jsonb)`.execute(tx);
    });
    const retry = await handleCommand(store, id, tally, add(5), { metadata, eventId: mine });
    expect(retry).toMatchObject({ duplicate: true, streamVersion: 1, state: { total: 5 }, events: [] });
    expect(retry.lastPosition).toBe(retry.firstPosition);
  });

  it('derives stable, uuid-shaped, distinct ids from a seed', () => {
    const ids = deterministicEventIds('abc');
    expect(ids(0)).toBe(deterministicEventIds('abc')(0));
    expect(ids(0)).not.toBe(ids(1));
    expect(ids(0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
