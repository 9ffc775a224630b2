import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dropConnection, LISTEN_HEARTBEAT_MS, startListenHeartbeat } from '@factledger/event-store';
import { parseReadModelNotice, READ_MODELS_CHANNEL, type ReadModelNotice } from '../../engine';

export interface ReadModelListenerEvents {
  /** A read model's active version changed (delivered at its commit, in commit order). */
  onNotice(notice: ReadModelNotice): void;
  /** LISTEN took effect (true) or the connection is gone (false): notices may have been missed. */
  onListening(listening: boolean): void;
}

const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * One dedicated connection LISTENing on READ_MODELS_CHANNEL, reconnected
 * with backoff when it drops or stops answering its heartbeat (a silently
 * dead connection would otherwise keep the cache serving what the projector
 * has since replaced). Never a pool connection: LISTEN belongs to the session.
 */
export class ReadModelListener {
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly barriers = new Map<string, () => void>();
  private stopHeartbeat: () => void = () => undefined;
  listening = false;

  constructor(
    private readonly connectionString: string,
    private readonly events: ReadModelListenerEvents,
    private readonly applicationName = 'factledger-api:read-model-listener',
    private readonly heartbeatMs = LISTEN_HEARTBEAT_MS,
  ) {}

  start(): void {
    if (!this.client && !this.retry && !this.closed) void this.connect();
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
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.down();
    if (client) await dropConnection(client);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: this.applicationName, keepAlive: true });
    this.client = client;
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (this.client !== client || message.channel !== READ_MODELS_CHANNEL) return;
      const notice = parseReadModelNotice(message.payload);
      if (notice) return this.events.onNotice(notice);
      this.releaseBarrier(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODELS_CHANNEL}`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.client !== client) return;
    this.stopHeartbeat = startListenHeartbeat(client, this.heartbeatMs, () => this.lost(client));
    this.attempt = 0;
    this.listening = true;
    this.events.onListening(true);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.down();
    void dropConnection(client);
    if (this.closed) return;
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) void this.connect();
    }, delay);
    this.retry.unref();
  }

  private down(): void {
    this.stopHeartbeat();
    this.client = null;
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
