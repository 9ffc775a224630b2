import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';

/** Advisory lock held by the one sealer allowed to write the tree. */
export const SEALER_LOCK_KEY = 'factledger.audit.sealer';

/** Asks the sealer for a checkpoint now (`POST /v1/checkpoints`). */
export const CHECKPOINT_REQUEST_CHANNEL = 'factledger_audit_checkpoint';

/**
 * The sealer's own connection: it holds the session-level advisory lock, so
 * every tree write goes through it. If the connection drops, the lock and any
 * open transaction go with it; a sealer that lost its lock cannot commit.
 */
export class SealerSession {
  readonly db: Kysely<any>;
  private lost = false;

  private constructor(private readonly client: pg.Client) {
    client.on('error', () => (this.lost = true));
    client.on('end', () => (this.lost = true));
    this.db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new SingleClientPool(client) }) });
  }

  static async open(connectionString: string, onCheckpointRequest: () => void): Promise<SealerSession> {
    const client = new pg.Client({ connectionString, application_name: 'factledger-sealer', keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    const session = new SealerSession(client);
    client.on('notification', (msg) => {
      if (msg.channel === CHECKPOINT_REQUEST_CHANNEL) onCheckpointRequest();
    });
    await sql`LISTEN ${sql.id(CHECKPOINT_REQUEST_CHANNEL)}`.execute(session.db);
    await session.assertCanSeal().catch(async (e: unknown) => {
      await session.close();
      throw e;
    });
    return session;
  }

  get isLost(): boolean {
    return this.lost;
  }

  async tryLock(): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${SEALER_LOCK_KEY}, 0)) AS locked`.execute(this.db);
    return rows[0]?.locked === true;
  }

  /** Says which setting to fix when this role may not write the audit tables (only the sealer role may). */
  private async assertCanSeal(): Promise<void> {
    const { rows } = await sql<{ role: string; ok: boolean }>`
      SELECT current_user AS role, bool_and(has_table_privilege(t, 'INSERT')) AS ok
        FROM unnest(ARRAY['audit_leaves', 'audit_nodes', 'audit_checkpoints', 'audit_signing_keys']) AS t`.execute(this.db);
    if (!rows[0]?.ok) {
      throw new Error(`the sealer connects as "${rows[0]?.role}", which may not write the audit tables: set SEALER_DATABASE_URL to the sealer role (factledger_sealer)`);
    }
  }

  /** Closing ends the session, which releases the lock. */
  async close(): Promise<void> {
    this.lost = true;
    await this.db.destroy().catch(() => undefined);
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
