import type { EventStore } from '@factledger/event-store';
import { LedgerShutdown } from './ledger-shutdown';

describe('LedgerShutdown', () => {
  it('flushes the event store before the platform closes the database', async () => {
    let flushed = false;
    const store = { close: async () => void (flushed = true) } as unknown as EventStore;
    await new LedgerShutdown(store).beforeApplicationShutdown();
    expect(flushed).toBe(true);
  });

  it('accepts a store without anything to flush', async () => {
    await expect(new LedgerShutdown({} as EventStore).beforeApplicationShutdown()).resolves.toBeUndefined();
  });
});
