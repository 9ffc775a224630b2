import { EventEmitter } from 'node:events';
import pg from 'pg';
import { LISTEN_HEARTBEAT_MS } from './listen-heartbeat';
import { ReconnectingListener } from './reconnecting-listener';

export const APPEND_CHANNEL = 'factledger_events';

/**
 * Wakes consumers after commits. NOTIFY inside the appending transaction
 * would take PostgreSQL's global notify lock at every commit and serialise
 * concurrent writers, so we send it after commit, coalesced: at most one
 * NOTIFY in flight, carrying the highest position seen. Losing one (a crash
 * between commit and notify) only delays consumers until their next poll.
 */
export class AppendNotifier {
  private pending: string | null = null;
  private inFlight = false;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  notify(position: string | null): void {
    if (position === null || this.closed) return;
    if (this.pending === null || BigInt(position) > BigInt(this.pending)) this.pending = position;
    if (!this.inFlight) void this.flush();
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.pending !== null && !this.closed) {
        const position = this.pending;
        this.pending = null;
        await this.pool.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, position]).catch(() => undefined);
      }
    } finally {
      this.inFlight = false;
    }
  }

  close(): void {
    this.closed = true;
  }
}

/**
 * Wakes consumers on appends: a ReconnectingListener on APPEND_CHANNEL. Emits
 * `append` with the notified position, and `connected` (consumers then catch
 * up on what they may have missed).
 */
export class AppendListener extends EventEmitter {
  private readonly listener: ReconnectingListener;

  constructor(connectionString: string, heartbeatMs = LISTEN_HEARTBEAT_MS) {
    super();
    this.listener = new ReconnectingListener({
      connectionString,
      channels: [APPEND_CHANNEL],
      applicationName: 'factledger-listener',
      heartbeatMs,
      onNotification: (_channel, payload) => this.emit('append', payload ?? null),
      onUp: () => this.emit('connected'),
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  get connected(): boolean {
    return this.listener.connected;
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
