import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * One dedicated connection that holds a projection's session-level advisory
 * lock and runs all of its batches. If the connection drops, the lock goes
 * with it and so does any batch in flight: a runner that lost its lock can
 * never commit (fencing). Never a pool connection, which would outlive us.
 */
export class ProjectorSession {
  readonly db: Kysely<any>;
  private lost = false;

  private constructor(private readonly client: pg.Client) {
    client.on('error', () => (this.lost = true)); // surfaced to the next query too
    client.on('end', () => (this.lost = true));
    this.db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new SingleClientPool(client) }) });
  }

  static async open(connectionString: string, applicationName: string, idleTimeoutMs: number): Promise<ProjectorSession> {
    const client = new pg.Client({ connectionString, application_name: applicationName.slice(0, 63), keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    const session = new ProjectorSession(client);
    try {
      // A hung or partitioned process loses its lock instead of blocking the projection forever.
      await sql`SELECT set_config('idle_session_timeout', ${`${idleTimeoutMs}ms`}, false)`.execute(session.db);
    } catch {
      // PostgreSQL before 14: no idle_session_timeout; tcp keepalive still applies.
    }
    return session;
  }

  /** Session-level: held until released or the connection ends. */
  async tryLock(key: string): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${key}, 0)) AS locked`.execute(this.db);
    return rows[0]?.locked === true;
  }

  async unlock(key: string): Promise<void> {
    await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(this.db);
  }

  /** Whether the connection still answers; tells a lost connection from a projection error. */
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

  async close(): Promise<void> {
    this.lost = true;
    await this.db.destroy().catch(() => undefined);
  }
}

/** Advisory-lock name of one projection version; status reads pg_locks with the same rule. */
export const projectionLockKey = (name: string, version: number): string => `factledger.projection:${name}:v${version}`;

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
