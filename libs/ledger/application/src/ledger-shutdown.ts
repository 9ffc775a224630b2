import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@factledger/event-store';
import { LEDGER_EVENT_STORE } from './ledger-event-store';

/**
 * Lets appends the store has accepted but not yet sent (group commit) reach
 * PostgreSQL before PlatformModule closes the pool on shutdown.
 */
@Injectable()
export class LedgerShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(LEDGER_EVENT_STORE) private readonly store: EventStore) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }
}
