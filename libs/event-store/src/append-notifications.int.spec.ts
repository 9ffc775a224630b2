import { randomUUID } from 'node:crypto';
import { createTestDatabase, startStallingProxy, type StallingProxy, type TestDatabase } from '@factledger/testing';
import { AppendListener, AppendNotifier } from './append-notifications';
import { PostgresEventStore } from './event-store';
import type { EventStoreTables } from './event-store.table';

describe('append notifications (LISTEN/NOTIFY)', () => {
  let t: TestDatabase<EventStoreTables>;
  let listener: AppendListener;
  let notifier: AppendNotifier;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    notifier = new AppendNotifier(t.pool);
    listener = new AppendListener(t.url);
    await listener.start();
  });
  afterAll(async () => {
    notifier.close();
    await listener.stop();
    await t.drop();
  });

  it('wakes a listener after a committed append, with the last position', async () => {
    const store = new PostgresEventStore(t.db, notifier);
    const woken = new Promise<string>((resolve) => listener.once('append', resolve));
    const result = await store.append(`n-${randomUUID()}`, [{ id: randomUUID(), type: 'n.v1', data: {} }]);
    await expect(woken).resolves.toBe(result.lastPosition);
  });

  it('coalesces a burst of appends into at most two notifications, the last carrying the highest position', async () => {
    const payloads: string[] = [];
    const onAppend = (p: string) => payloads.push(p);
    listener.on('append', onAppend);
    for (let position = 1000; position < 1100; position++) notifier.notify(String(position));
    await new Promise((r) => setTimeout(r, 300));
    listener.off('append', onAppend);
    expect(payloads.length).toBeGreaterThanOrEqual(1);
    expect(payloads.length).toBeLessThanOrEqual(2);
    expect(payloads.at(-1)).toBe('1099');
  });

  it('reconnects after its connection is killed', async () => {
    await t.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factledger-listener' AND datname = current_database()`,
    );
    await new Promise<void>((resolve) => listener.once('connected', () => resolve()));
    expect(listener.connected).toBe(true);
    const woken = new Promise<string>((resolve) => listener.once('append', resolve));
    await new PostgresEventStore(t.db, notifier).append(`n-${randomUUID()}`, [{ id: randomUUID(), type: 'n.v1', data: {} }]);
    await expect(woken).resolves.toBeDefined();
  });
});

describe('append listener heartbeat', () => {
  let t: TestDatabase<EventStoreTables>;
  let proxy: StallingProxy;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    proxy = await startStallingProxy({ host: '127.0.0.1', port: Number(new URL(t.url).port || 5432) });
  });
  afterAll(async () => {
    await proxy.close();
    await t.drop();
  });

  it('replaces a connection that went silent without closing, and hears appends again', async () => {
    const listener = new AppendListener(proxy.url(t.url), 100);
    await listener.start();
    try {
      expect(listener.connected).toBe(true);
      proxy.stall();
      // Nothing closes: only the unanswered heartbeat can tell. The new connection flows.
      await new Promise<void>((resolve) => listener.once('connected', () => resolve()));
      const woken = new Promise<string>((resolve) => listener.once('append', resolve));
      const notifier = new AppendNotifier(t.pool);
      const result = await new PostgresEventStore(t.db, notifier).append(`n-${randomUUID()}`, [{ id: randomUUID(), type: 'n.v1', data: {} }]);
      await expect(woken).resolves.toBe(result.lastPosition);
      notifier.close();
    } finally {
      await listener.stop();
    }
  });
});
