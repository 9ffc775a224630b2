import { EventEmitter } from 'node:events';
import pg from 'pg';
import { dropConnection, LISTEN_HEARTBEAT_MS, startListenHeartbeat } from './listen-heartbeat';

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
 * Holds one LISTEN connection and reconnects with backoff when it drops or
 * stops answering its heartbeat. Emits `append` with the notified position,
 * and `connected` (consumers then catch up on what they may have missed).
 */
export class AppendListener extends EventEmitter {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopHeartbeat: () => void = () => undefined;

  constructor(
    private readonly connectionString: string,
    private readonly heartbeatMs = LISTEN_HEARTBEAT_MS,
  ) {
    super();
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(0);
  }

  private async connect(attempt: number): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'factledger-listener', keepAlive: true });
    client.on('notification', (msg) => this.emit('append', msg.payload ?? null));
    client.on('error', () => this.reconnect(client, attempt + 1));
    client.on('end', () => this.reconnect(client, attempt + 1));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
      if (this.stopped) return void client.end().catch(() => undefined);
      this.client = client;
      this.stopHeartbeat = startListenHeartbeat(client, this.heartbeatMs, () => this.reconnect(client, 1));
      this.emit('connected');
    } catch {
      this.reconnect(client, attempt + 1);
    }
  }

  private reconnect(client: pg.Client, attempt: number): void {
    if (this.client === client) {
      this.client = null;
      this.stopHeartbeat();
    }
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void dropConnection(client);
    if (this.stopped || this.retryTimer) return;
    const delay = Math.min(5000, 100 * 2 ** Math.min(attempt, 6));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect(attempt);
    }, delay);
    this.retryTimer.unref();
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await dropConnection(client);
    }
  }
}
