import { randomUUID } from 'node:crypto';
import { LISTEN_HEARTBEAT_MS, ReconnectingListener } from '@factledger/event-store';
import { parseReadModelNotice, READ_MODELS_CHANNEL, type ReadModelNotice } from '../../engine';

export interface ReadModelListenerEvents {
  /** A read model's active version changed (delivered at its commit, in commit order). */
  onNotice(notice: ReadModelNotice): void;
  /** LISTEN took effect (true) or the connection is gone (false): notices may have been missed. */
  onListening(listening: boolean): void;
}

/**
 * The estimate cache's LISTEN on READ_MODELS_CHANNEL, over the shared
 * ReconnectingListener (heartbeat, reconnection): a silently dead connection
 * would otherwise keep the cache serving what the projector has since replaced.
 */
export class ReadModelListener {
  private readonly listener: ReconnectingListener;
  private readonly barriers = new Map<string, () => void>();
  private closed = false;
  listening = false;

  constructor(
    connectionString: string,
    private readonly events: ReadModelListenerEvents,
    applicationName = 'factledger-api:read-model-listener',
    heartbeatMs = LISTEN_HEARTBEAT_MS,
  ) {
    this.listener = new ReconnectingListener({
      connectionString,
      channels: [READ_MODELS_CHANNEL],
      applicationName,
      heartbeatMs,
      onNotification: (_channel, payload) => {
        const notice = parseReadModelNotice(payload);
        if (notice) return this.events.onNotice(notice);
        this.releaseBarrier(payload);
      },
      onUp: () => {
        this.listening = true;
        this.events.onListening(true);
      },
      onDown: () => this.down(),
    });
  }

  start(): void {
    if (!this.closed) void this.listener.start();
  }

  /**
   * Resolves once every notice committed before the call was delivered here
   * (a token NOTIFYed through `notify` comes back after them: commit order).
   * Resolves at once when not listening.
   */
  async sync(notify: (channel: string, payload: string) => Promise<void>): Promise<void> {
    if (!this.listening) return;
    const token = randomUUID();
    const back = new Promise<void>((resolve) => this.barriers.set(token, resolve));
    try {
      await notify(READ_MODELS_CHANNEL, JSON.stringify({ sync: token }));
    } catch (e) {
      this.barriers.delete(token);
      throw e;
    }
    await back;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener.stop();
    this.down();
  }

  private down(): void {
    const was = this.listening;
    this.listening = false;
    for (const release of this.barriers.values()) release();
    this.barriers.clear();
    if (was) this.events.onListening(false);
  }

  private releaseBarrier(payload: string | undefined): void {
    try {
      const { sync } = JSON.parse(payload ?? '') as { sync?: string };
      const release = sync === undefined ? undefined : this.barriers.get(sync);
      if (release) {
        this.barriers.delete(sync!);
        release();
      }
    } catch {
      /* not ours */
    }
  }
}
