import pg from 'pg';
import pRetry from 'p-retry';
import { dropConnection, LISTEN_HEARTBEAT_MS, startListenHeartbeat } from './listen-heartbeat';

export interface ReconnectingListenerOptions {
  connectionString: string;
  /** LISTENed on every connection, old and new. */
  channels: readonly string[];
  applicationName: string;
  heartbeatMs?: number;
  onNotification(channel: string, payload: string | undefined): void;
  /** LISTEN took effect on a (new) connection: what was sent while down was missed, so catch up. */
  onUp?(): void;
  /** The connection is gone (closed, failed, or silent past its heartbeat). */
  onDown?(): void;
}

/**
 * The one LISTEN client of factledger: a dedicated connection (LISTEN belongs
 * to the session, never a pool's), a `SELECT 1` heartbeat that notices a peer
 * gone silent, and reconnection with exponential backoff (p-retry) until
 * stopped. Kept our own rather than pg-listen 1.7: its connection check
 * awaits `SELECT pg_backend_pid()` without a deadline, so a peer that went
 * silent without closing (the case the heartbeat is for) hangs it for good.
 */
export class ReconnectingListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopping = new AbortController();
  private stopHeartbeat: () => void = () => undefined;

  constructor(private readonly options: ReconnectingListenerOptions) {}

  /** Resolves after the first attempt, connected or not; it keeps trying in the background. */
  async start(): Promise<void> {
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    if (this.client || this.connecting) return;
    try {
      await this.connectOnce();
    } catch {
      this.reconnect();
    }
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const client = this.client;
    this.down();
    if (client) await dropConnection(client);
  }

  private reconnect(): void {
    if (this.connecting || this.stopping.signal.aborted) return;
    const { signal } = this.stopping;
    this.connecting = pRetry(() => this.connectOnce(), {
      retries: Infinity,
      factor: 2,
      minTimeout: 100,
      maxTimeout: 5000,
      randomize: false,
      signal,
      unref: true,
    })
      .catch(() => undefined) // stopped
      .finally(() => (this.connecting = null));
  }

  private async connectOnce(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { connectionString, applicationName, channels } = this.options;
    const client = new pg.Client({ connectionString, application_name: applicationName, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (this.client === client) this.options.onNotification(msg.channel, msg.payload);
    });
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      await this.discard(client);
      throw e instanceof Error ? e : new Error(String(e)); // p-retry retries Errors only
    }
    if (this.stopping.signal.aborted) return this.discard(client);
    this.client = client;
    this.stopHeartbeat = startListenHeartbeat(client, this.options.heartbeatMs ?? LISTEN_HEARTBEAT_MS, () => this.lost(client));
    this.options.onUp?.();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return; // not up yet: connectOnce's catch handles it
    this.down();
    void this.discard(client);
    this.reconnect();
  }

  private down(): void {
    this.stopHeartbeat();
    this.stopHeartbeat = () => undefined;
    const was = this.client !== null;
    this.client = null;
    if (was) this.options.onDown?.();
  }

  private async discard(client: pg.Client): Promise<void> {
    client.removeAllListeners();
    client.on('error', () => undefined);
    await dropConnection(client);
  }
}
