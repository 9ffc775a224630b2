import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { EventIdConflictError, VersionConflictError } from './event-store.errors';
import { PostgresEventStore } from './event-store';
import type { EventStoreTables } from './event-store.table';
import { appendToStream, readAllAfter, readStream, streamVersion } from './events.repository';
import { START, type AppendResult, type Checkpoint, type NewEvent } from './event-store.types';

const event = (data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type: 'thing.happened.v1', data });
const stream = () => `group-${randomUUID()}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fast path and group commit', () => {
  let t: TestDatabase<EventStoreTables>;
  // One call in flight: whatever is appended while it runs deterministically forms the next group.
  let store: PostgresEventStore;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>({ poolSize: 12 });
    store = new PostgresEventStore(t.db, undefined, { pool: t.pool, groupCommit: { maxInFlight: 1 } });
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  describe('fast path (exact expected version that matches)', () => {
    it('answers an append of ids already in this stream, at the current version, as a duplicate', async () => {
      const id = stream();
      const batch = [event(), event()];
      const first = await appendToStream(t.db, id, batch, { expectedVersion: 0 });
      await expect(appendToStream(t.db, id, batch, { expectedVersion: 2 })).resolves.toEqual({ ...first, duplicate: true });
      expect(await streamVersion(t.db, id)).toBe(2);
    });

    it('refuses ids stored in another stream with an id conflict, storing nothing', async () => {
      const id = stream();
      const taken = event();
      await appendToStream(t.db, stream(), [taken]);
      await appendToStream(t.db, id, [event()], { expectedVersion: 0 });
      await expect(appendToStream(t.db, id, [event(), taken], { expectedVersion: 1 })).rejects.toBeInstanceOf(EventIdConflictError);
      expect(await streamVersion(t.db, id)).toBe(1);
    });

    it("inside a caller's transaction, reports a reused id as an id conflict (the transaction is aborted)", async () => {
      const id = stream();
      const taken = event();
      await appendToStream(t.db, stream(), [taken]);
      await appendToStream(t.db, id, [event()], { expectedVersion: 0 });
      const attempt = t.db.transaction().execute((trx) => appendToStream(trx, id, [taken], { expectedVersion: 1 }));
      await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
      expect(await streamVersion(t.db, id)).toBe(1);
    });
  });

  describe('group commit', () => {
    it('sends appends that arrive while a call is in flight as one transaction, each with its own result', async () => {
      const ids = Array.from({ length: 6 }, stream);
      const results = await Promise.all(ids.map((id) => store.append(id, [event(), event()], { expectedVersion: 'no_stream' })));
      // the first went alone; the other five waited for it and shared one transaction
      expect(new Set(results.slice(1).map((r) => r.transactionId)).size).toBe(1);
      expect(results[0]!.transactionId).not.toBe(results[1]!.transactionId);
      for (const [i, r] of results.entries()) {
        expect(r).toMatchObject({ streamId: ids[i], streamVersion: 2, duplicate: false });
        const stored = await readStream(t.db, ids[i]!);
        expect(stored.map((e) => e.position)).toEqual([r.firstPosition, r.lastPosition]);
      }
    });

    it("does not fail the group for one caller's version conflict", async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      await appendToStream(t.db, b, [event()]);
      const lead = store.append(stream(), [event()]);
      const outcomes = await Promise.allSettled([
        store.append(a, [event()], { expectedVersion: 0 }),
        store.append(b, [event()], { expectedVersion: 0 }),
        store.append(c, [event()], { expectedVersion: 'no_stream' }),
      ]);
      await lead;
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const conflict = (outcomes[1] as PromiseRejectedResult).reason as VersionConflictError;
      expect(conflict).toBeInstanceOf(VersionConflictError);
      expect(conflict.actual).toBe(1);
      const [ra, , rc] = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null));
      expect(ra!.transactionId).toBe(rc!.transactionId);
    });

    it.each([
      ['new streams (one by one in the group)', 0],
      ['existing streams (set-based in the group)', 1],
    ])('runs the appends of a group that failed on a reused id again one by one, so only the culprit fails: %s', async (_label, existing) => {
      const taken = event();
      await appendToStream(t.db, stream(), [taken]);
      const [a, b, c] = [stream(), stream(), stream()];
      if (existing) for (const id of [a, b, c]) await appendToStream(t.db, id, [event()]);
      const lead = store.append(stream(), [event()]);
      const outcomes = await Promise.allSettled([
        store.append(a, [event()], { expectedVersion: existing }),
        store.append(b, [taken], { expectedVersion: existing }),
        store.append(c, [event()], { expectedVersion: existing }),
      ]);
      await lead;
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
      const versions = [await streamVersion(t.db, a), await streamVersion(t.db, b), await streamVersion(t.db, c)];
      expect(versions).toEqual([existing + 1, existing, existing + 1]);
    });

    it('mixes set-based appends (stream once, matching version) with one-by-one ones in one group', async () => {
      const [a, b, c, fresh] = [stream(), stream(), stream(), stream()];
      for (const id of [a, b, c]) await appendToStream(t.db, id, [event()]);
      const lead = store.append(stream(), [event()]);
      const outcomes = await Promise.allSettled([
        store.append(a, [event(), event()], { expectedVersion: 1 }), // set-based
        store.append(b, [event()], { expectedVersion: 0 }), // stale: conflict
        store.append(c, [event({ k: 1 })], { expectedVersion: 1 }), // c twice: one by one, in order
        store.append(fresh, [event()], { expectedVersion: 0 }), // no stream row yet
        store.append(c, [event({ k: 2 })], { expectedVersion: 2 }),
        store.append(b, [], { expectedVersion: 1 }), // empty
      ]);
      await lead;
      const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<AppendResult>).value;
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(((outcomes[1] as PromiseRejectedResult).reason as VersionConflictError).actual).toBe(1);
      expect([0, 2, 3, 4, 5].map((i) => value(i).streamVersion)).toEqual([3, 2, 1, 3, 1]);
      expect(new Set([0, 2, 3, 4].map((i) => value(i).transactionId)).size).toBe(1);
      const stored = await readStream(t.db, a);
      expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect([stored[1]!.position, stored[2]!.position]).toEqual([value(0).firstPosition, value(0).lastPosition]);
      expect((await readStream(t.db, c)).map((e) => e.data)).toEqual([{ n: 1 }, { k: 1 }, { k: 2 }]);
    });

    it('answers a retried append in a group with its original result, storing nothing', async () => {
      const id = stream();
      const batch = [event()];
      const first = await store.append(id, batch, { expectedVersion: 0 });
      const lead = store.append(stream(), [event()]);
      const [retry, other] = await Promise.all([store.append(id, batch, { expectedVersion: 0 }), store.append(stream(), [event()])]);
      await lead;
      expect(retry).toEqual({ ...first, duplicate: true });
      expect(other.duplicate).toBe(false);
      expect(await streamVersion(t.db, id)).toBe(1);
    });

    it("keeps callers' order for appends to one stream within a group", async () => {
      const id = stream();
      const lead = store.append(stream(), [event()]);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.append(id, [event({ i })])));
      await lead;
      expect(results.map((r) => r.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(results.map((r) => r.transactionId)).size).toBe(1);
      expect((await readStream(t.db, id)).map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
    });

    it('bounds a group by appends and events; a large append goes alone', async () => {
      const small = new PostgresEventStore(t.db, undefined, { groupCommit: { maxInFlight: 1, maxAppends: 3, maxEvents: 4 } });
      const lead = small.append(stream(), [event()]);
      const grouped = await Promise.all(Array.from({ length: 6 }, () => small.append(stream(), [event()])));
      const large = await small.append(
        stream(),
        Array.from({ length: 5 }, () => event()),
      );
      await lead;
      expect(grouped.map((r) => r.transactionId).filter((x, i, all) => all.indexOf(x) === i)).toHaveLength(2);
      expect(large.streamVersion).toBe(5);
      await small.close();
    });

    it('does not deadlock when concurrent groups lock the same streams in different arrival orders', async () => {
      const streams = Array.from({ length: 4 }, stream);
      const stores = Array.from({ length: 3 }, () => new PostgresEventStore(t.db, undefined, { groupCommit: { maxInFlight: 1 } }));
      await Promise.all(
        stores.flatMap((s, k) =>
          Array.from({ length: 30 }, (_, i) => s.append(streams[(i * (k + 1)) % streams.length]!, [event()], { expectedVersion: 'any' })),
        ),
      );
      const versions = await Promise.all(streams.map((id) => streamVersion(t.db, id)));
      expect(versions.reduce((x, y) => x + y)).toBe(90);
      await Promise.all(stores.map((s) => s.close()));
    });

    it('flushes queued appends on close', async () => {
      const closing = new PostgresEventStore(t.db, undefined, { groupCommit: { maxInFlight: 1 } });
      const pending = Array.from({ length: 8 }, () => closing.append(stream(), [event()]));
      await closing.close();
      const settled = await Promise.race([Promise.all(pending), sleep(0).then(() => 'still pending')]);
      expect((settled as AppendResult[]).map((r) => r.streamVersion)).toEqual(Array(8).fill(1));
    });

    it('keeps gap-safe catch-up exact: every committed event once, in per-stream order', async () => {
      const prefix = `grouped-${randomUUID().slice(0, 8)}`;
      const committed = new Set<string>();
      const versions = new Map<string, number>();
      const writer = async (w: number) => {
        for (let i = 0; i < 120; i++) {
          const streamId = `${prefix}-${(w * 5 + i) % 12}`;
          const batch = Array.from({ length: 1 + (i % 2) }, () => event({ w, i }));
          // exact versions from a shared (often stale) view: some conflict, the rest land
          const expectedVersion = i % 3 === 0 ? 'any' : (versions.get(streamId) ?? 0);
          try {
            const r = await store.append(streamId, batch, { expectedVersion });
            versions.set(streamId, r.streamVersion);
            batch.forEach((e) => committed.add(e.id));
          } catch (e) {
            if (!(e instanceof VersionConflictError)) throw e;
            versions.set(streamId, e.actual);
          }
        }
      };
      const seen: { id: string; streamId: string; version: number }[] = [];
      let writing = true;
      const consume = async () => {
        let checkpoint: Checkpoint = START;
        const deadline = () => Date.now() + 20_000;
        let until = Infinity;
        for (;;) {
          const stillWriting = writing;
          const page = await readAllAfter(t.db, checkpoint, { limit: 50 });
          for (const e of page.events) if (e.streamId.startsWith(prefix)) seen.push({ id: e.id, streamId: e.streamId, version: e.streamVersion });
          checkpoint = page.checkpoint;
          if (page.events.length > 0) continue;
          if (!stillWriting && until === Infinity) until = deadline();
          if (!stillWriting && (seen.length >= committed.size || Date.now() > until)) return;
          await sleep(stillWriting ? 1 : 10);
        }
      };
      const reading = consume();
      await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
      writing = false;
      await reading;

      expect(committed.size).toBeGreaterThan(500);
      const ids = seen.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(committed);
      const last = new Map<string, number>();
      for (const s of seen) {
        expect(s.version).toBe((last.get(s.streamId) ?? 0) + 1);
        last.set(s.streamId, s.version);
      }
    });
  });
});
