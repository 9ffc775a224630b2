import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EventStoreTables } from '../event-store.table';

export interface LeasedSessionOptions {
  connectionString: string;
  applicationName: string;
  /** A hung or partitioned process loses its lease instead of blocking the subscriber forever. */
  idleTimeoutMs?: number;
  /** Channels to LISTEN on this very connection, e.g. requests only the lease holder acts on. */
  listen?: Readonly<Record<string, (payload: string | undefined) => void>>;
}

/**
 * One dedicated connection that holds a subscriber's session-level advisory
 * lock (its lease) and runs all of its work. If the connection drops, the
 * lock goes with it and so does any transaction in flight: a follower that
 * lost its lease can never commit (fencing). Never a pool connection, which
 * would outlive us.
 */
export class LeasedSession {
  /** Typed by the log's tables; a subscriber adds its own with `db.withTables<...>()` (same connection). */
  readonly db: Kysely<EventStoreTables>;
  private lost = false;

  private constructor(private readonly client: pg.Client) {
    client.on('error', () => (this.lost = true)); // surfaced to the next query too
    client.on('end', () => (this.lost = true));
    this.db = new Kysely<EventStoreTables>({ dialect: new PostgresDialect({ pool: new SingleClientPool(client) }) });
  }

  static async open(options: LeasedSessionOptions): Promise<LeasedSession> {
    const { connectionString, applicationName, idleTimeoutMs, listen = {} } = options;
    const client = new pg.Client({ connectionString, application_name: applicationName.slice(0, 63), keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    const session = new LeasedSession(client);
    try {
      if (idleTimeoutMs !== undefined) await setIdleTimeout(session.db, idleTimeoutMs);
      client.on('notification', (msg) => listen[msg.channel]?.(msg.payload));
      for (const channel of Object.keys(listen)) await sql`LISTEN ${sql.id(channel)}`.execute(session.db);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  get isLost(): boolean {
    return this.lost;
  }

  /** Session-level: held until released or the connection ends. */
  async tryLock(key: string): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${key}, 0)) AS locked`.execute(this.db);
    return rows[0]?.locked === true;
  }

  async unlock(key: string): Promise<void> {
    await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(this.db);
  }

  /**
   * `COPY … FROM STDIN` on the session's connection, so inside the
   * transaction in flight on it (a bulk load commits with its checkpoint).
   * Call it only between that transaction's own awaited queries.
   */
  readonly copyIn = async (statement: string, data: Iterable<string>): Promise<void> => {
    await pipeline(Readable.from(data), this.client.query(copyFrom(statement)));
  };

  /** Whether the connection still answers; tells a lost connection from a subscriber's error. */
  async alive(): Promise<boolean> {
    if (this.lost) return false;
    try {
      await sql`SELECT 1`.execute(this.db);
      return true;
    } catch {
      this.lost = true;
      return false;
    }
  }

  /** Closing ends the session, which releases the lease. */
  async close(): Promise<void> {
    this.lost = true;
    await this.db.destroy().catch(() => undefined);
  }
}

async function setIdleTimeout(db: Kysely<EventStoreTables>, ms: number): Promise<void> {
  try {
    await sql`SELECT set_config('idle_session_timeout', ${`${ms}ms`}, false)`.execute(db);
  } catch {
    // PostgreSQL before 14: no idle_session_timeout; tcp keepalive still applies.
  }
}

/** Kysely over exactly one client: callers queue, so a transaction never interleaves with another query. */
class SingleClientPool implements PostgresPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly client: pg.Client) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const client = this.client;
    return {
      query: ((...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args)) as PostgresPoolClient['query'],
      release,
    };
  }

  async end(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
