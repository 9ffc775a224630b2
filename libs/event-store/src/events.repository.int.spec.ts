import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { EventIdConflictError, VersionConflictError } from './event-store.errors';
import type { EventStoreTables } from './event-store.table';
import { appendToStream, readAllAfter, readStream, streamAllAfter, streamVersion, visibleHead } from './events.repository';
import { START, type AppendResult, type NewEvent } from './event-store.types';

const event = (type = 'thing.happened.v1', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data, metadata: { actor: 'test' } });
const stream = () => `test-${randomUUID()}`;

describe('event store (PostgreSQL)', () => {
  let t: TestDatabase<EventStoreTables>;

  // Gap-safe reads hide everything newer than the oldest open transaction in
  // the whole cluster; another process's open transaction may delay (never
  // lose) visibility, so wait for our last append before asserting on reads.
  const visible = async (position: string | null) => {
    for (let i = 0; i < 600; i++) {
      const { rows } = await t.pool.query(
        'SELECT transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS visible FROM events WHERE position = $1',
        [position],
      );
      if (rows[0]?.visible) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`position ${position} never became visible`);
  };
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: 25 });
  });
  afterAll(() => t.drop());

  describe('append', () => {
    it('creates the stream and numbers events from version 1 with increasing positions', async () => {
      const id = stream();
      const result = await appendToStream(t.db, id, [event(), event(), event()], { expectedVersion: 'no_stream' });
      expect(result).toMatchObject({ streamId: id, streamVersion: 3, duplicate: false });
      expect(BigInt(result.lastPosition!) - BigInt(result.firstPosition!)).toBe(2n);
      const events = await readStream(t.db, id);
      expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(events[0]).toMatchObject({ type: 'thing.happened.v1', schemaVersion: 1, data: { n: 1 }, metadata: { actor: 'test' } });
      expect(typeof events[0]!.position).toBe('string');
      expect(await streamVersion(t.db, id)).toBe(3);
    });

    it('reads the schema version from the type suffix', async () => {
      const id = stream();
      await appendToStream(t.db, id, [event('thing.happened.v3')]);
      expect((await readStream(t.db, id))[0]!.schemaVersion).toBe(3);
    });

    it.each([
      ['a number that is behind', 1, 2],
      ['no_stream on an existing stream', 'no_stream' as const, 2],
    ])('refuses %s with a typed conflict carrying the actual version', async (_label, expectedVersion, actual) => {
      const id = stream();
      await appendToStream(t.db, id, [event(), event()]);
      const attempt = appendToStream(t.db, id, [event()], { expectedVersion });
      await expect(attempt).rejects.toBeInstanceOf(VersionConflictError);
      await expect(attempt).rejects.toMatchObject({ code: 'stream.version_conflict', actual });
      expect(await streamVersion(t.db, id)).toBe(2);
    });

    it('refuses stream_exists on a missing stream, and accepts it on an existing one', async () => {
      const id = stream();
      await expect(appendToStream(t.db, id, [event()], { expectedVersion: 'stream_exists' })).rejects.toMatchObject({ actual: 0 });
      await appendToStream(t.db, id, [event()]);
      await expect(appendToStream(t.db, id, [event()], { expectedVersion: 'stream_exists' })).resolves.toMatchObject({ streamVersion: 2 });
    });

    it('lets exactly one of 20 concurrent appends at the same expected version win, keeping versions gapless', async () => {
      const id = stream();
      await appendToStream(t.db, id, [event()]);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => appendToStream(t.db, id, [event(), event()], { expectedVersion: 1 })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const r of lost) expect(r.reason).toBeInstanceOf(VersionConflictError);
      expect((await readStream(t.db, id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });

    it('creates a new stream once when 20 writers race to create it', async () => {
      const id = stream();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => appendToStream(t.db, id, [event()], { expectedVersion: 'no_stream' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await streamVersion(t.db, id)).toBe(1);
    });

    it('serialises concurrent appends with "any" without losing or duplicating versions', async () => {
      const id = stream();
      await Promise.all(Array.from({ length: 20 }, () => appendToStream(t.db, id, [event()], { expectedVersion: 'any' })));
      expect((await readStream(t.db, id)).map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('answers a retry with the same event ids with the original result and stores nothing', async () => {
      const id = stream();
      const batch = [event(), event()];
      const first = await appendToStream(t.db, id, batch, { expectedVersion: 'no_stream' });
      const retry = await appendToStream(t.db, id, batch, { expectedVersion: 'no_stream' });
      expect(retry).toEqual({ ...first, duplicate: true });
      expect(await readStream(t.db, id)).toHaveLength(2);
    });

    it('makes concurrent retries of one append store it once', async () => {
      const id = stream();
      const batch = [event(), event()];
      const results = await Promise.all(Array.from({ length: 10 }, () => appendToStream(t.db, id, batch, { expectedVersion: 'any' })));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await readStream(t.db, id)).toHaveLength(2);
    });

    it('refuses a batch that reuses only some stored ids, or ids stored in another stream', async () => {
      const id = stream();
      const stored = event();
      await appendToStream(t.db, id, [stored]);
      await expect(appendToStream(t.db, id, [stored, event()])).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(appendToStream(t.db, stream(), [stored])).rejects.toMatchObject({ code: 'stream.event_id_conflict' });
      expect(await streamVersion(t.db, id)).toBe(1);
    });

    it('validates ids before touching the database', async () => {
      const dup = event();
      await expect(appendToStream(t.db, stream(), [dup, dup])).rejects.toMatchObject({ code: 'stream.invalid_append' });
      await expect(appendToStream(t.db, stream(), [{ ...event(), id: 'nope' }])).rejects.toMatchObject({ code: 'stream.invalid_append' });
      await expect(appendToStream(t.db, stream(), [event()], { expectedVersion: -1 })).rejects.toMatchObject({ code: 'stream.invalid_append' });
    });

    it('returns the current version and writes nothing for an empty append', async () => {
      const id = stream();
      await expect(appendToStream(t.db, id, [])).resolves.toMatchObject({ streamVersion: 0, lastPosition: null });
      expect(await streamVersion(t.db, id)).toBe(0);
    });

    it('is atomic: a failing batch leaves nothing behind', async () => {
      const id = stream();
      const taken = event();
      await appendToStream(t.db, stream(), [taken]);
      // the second event's id collides inside the insert itself (not caught by the pre-check as a full duplicate)
      await expect(appendToStream(t.db, id, [event(), taken])).rejects.toThrow();
      expect(await streamVersion(t.db, id)).toBe(0);
      expect(await readStream(t.db, id)).toEqual([]);
    });
  });

  describe('immutability', () => {
    it.each([
      ['UPDATE', sql`UPDATE events SET data = '{}'::jsonb`],
      ['DELETE', sql`DELETE FROM events`],
      ['TRUNCATE', sql`TRUNCATE events`],
    ])(
      'refuses %s on events, whoever connects (the application role has no such privilege; even a superuser meets the trigger)',
      async (_op, statement) => {
        await appendToStream(t.db, stream(), [event()]);
        await expect(statement.execute(t.db)).rejects.toThrow(/permission denied for table events/);
        await expect(statement.execute(t.adminDb)).rejects.toThrow(/events are immutable/);
      },
    );

    // Replication mode skips ordinary triggers; the refusal must fire there too (ENABLE ALWAYS).
    it.each([
      ['UPDATE', sql`UPDATE events SET data = '{}'::jsonb WHERE position = (SELECT min(position) FROM events)`],
      ['DELETE', sql`DELETE FROM events WHERE position = (SELECT min(position) FROM events)`],
      ['TRUNCATE', sql`TRUNCATE events`],
    ])('refuses %s on events in a session with session_replication_role = replica', async (op, statement) => {
      await appendToStream(t.db, stream(), [event()]);
      // Only a superuser may set it.
      const attempt = t.adminDb.transaction().execute(async (tx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(tx);
        await statement.execute(tx);
        throw new Error(`${op} went through`); // rolls back whatever it did
      });
      await expect(attempt).rejects.toThrow(/events are immutable/);
    });
  });

  describe('reads', () => {
    it('reads a stream between versions, and as it was at a recorded time', async () => {
      const id = stream();
      await appendToStream(t.db, id, [event(), event()]);
      const [, second] = await readStream(t.db, id);
      await new Promise((r) => setTimeout(r, 20));
      await appendToStream(t.db, id, [event()]);
      expect((await readStream(t.db, id, { fromVersion: 2 })).map((e) => e.streamVersion)).toEqual([2, 3]);
      expect((await readStream(t.db, id, { fromVersion: 1, toVersion: 2 })).map((e) => e.streamVersion)).toEqual([1, 2]);
      expect((await readStream(t.db, id, { recordedAtOrBefore: second!.recordedAt })).map((e) => e.streamVersion)).toEqual([1, 2]);
    });

    it('pages through the global log in (transaction, position) order and resumes from a checkpoint', async () => {
      const ids = [stream(), stream()];
      let last = null as string | null;
      for (let i = 0; i < 5; i++) last = (await appendToStream(t.db, ids[i % 2]!, [event('paged.v1', { i })])).lastPosition;
      await visible(last);
      const seen: number[] = [];
      let checkpoint = START;
      for (;;) {
        const page = await readAllAfter(t.db, checkpoint, { limit: 2, streamIds: ids });
        if (page.events.length === 0) break;
        seen.push(...page.events.map((e) => (e.data as { i: number }).i));
        checkpoint = page.checkpoint;
      }
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    it('filters the global log by event type', async () => {
      const id = stream();
      await visible((await appendToStream(t.db, id, [event('kept.v1'), event('dropped.v1'), event('kept.v1')])).lastPosition);
      const page = await readAllAfter(t.db, START, { eventTypes: ['kept.v1'], streamIds: [id] });
      expect(page.events.map((e) => e.streamVersion)).toEqual([1, 3]);
    });

    it('reads the events of skipped types in their place, without their payload', async () => {
      const id = stream();
      await visible((await appendToStream(t.db, id, [event('kept.v1', { n: 1 }), event('skipped.v1', { n: 2 })])).lastPosition);
      const page = await readAllAfter(t.db, START, { streamIds: [id], skipPayloadOf: ['skipped.v1'] });
      expect(page.events.map((e) => [e.type, e.streamVersion, e.data, e.metadata])).toEqual([
        ['kept.v1', 1, { n: 1 }, { actor: 'test' }],
        ['skipped.v1', 2, null, {}],
      ]);
    });

    it('streams the whole log lazily in pages', async () => {
      const id = stream();
      await visible(
        (
          await appendToStream(
            t.db,
            id,
            Array.from({ length: 25 }, (_, i) => event('bulk.v1', { i })),
          )
        ).lastPosition,
      );
      const seen: number[] = [];
      for await (const e of streamAllAfter(t.db, START, { limit: 7, streamIds: [id] })) seen.push((e.data as { i: number }).i);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    });

    it('hides events of a transaction that commits late, until every older transaction has ended', async () => {
      const lateStream = stream();
      const earlyStream = stream();
      let early: AppendResult | undefined;
      const conn = await t.pool.connect();
      try {
        // The late transaction takes its position first but commits last.
        await conn.query('BEGIN');
        await conn.query(`SELECT * FROM factledger_append($1, 'test', 'any', $2::jsonb)`, [
          lateStream,
          JSON.stringify([{ id: randomUUID(), type: 'late.v1', data: {} }]),
        ]);
        early = await appendToStream(t.db, earlyStream, [event('early.v1')]);
        const before = await readAllAfter(t.db, START, { streamIds: [lateStream, earlyStream] });
        expect(before.events).toEqual([]); // early committed, but an older transaction is still open
        await conn.query('COMMIT');
      } finally {
        conn.release();
      }
      await visible(early!.lastPosition);
      const after = await readAllAfter(t.db, START, { streamIds: [lateStream, earlyStream] });
      expect(after.events.map((e) => e.type)).toEqual(['late.v1', 'early.v1']);
      expect(BigInt(after.events[0]!.position)).toBeLessThan(BigInt(after.events[1]!.position));
      const head = await visibleHead(t.db);
      expect(head.checkpoint).not.toBeNull();
    });
  });
});
