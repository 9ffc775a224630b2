import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

// int8 and xid8 arrive as strings (pg's default): positions are bigints and
// must never pass through a JS number.
export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Server-side bounds of one kind of connection, in ms; 0 or absent: none. */
export interface SessionLimits {
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

export interface DatabaseOptions extends SessionLimits {
  max?: number;
  applicationName?: string;
  /** Longest a query waits for a connection (a free one, or a new one to connect); absent: forever. */
  connectTimeoutMs?: number;
}

export function createDatabase<DB>(connectionString: string, options: DatabaseOptions = {}): DatabaseHandle<DB> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'factledger',
    idleTimeoutMillis: 30_000,
    ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
    // Sent as startup parameters: every connection of the pool carries them, with no extra round trip.
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may a checked-out one: pg-pool listens for errors only while a client is idle, so a server shutting down
  // between two queries of a request (FATAL 57P01) was an unhandled 'error' event that killed the API
  // (test/faults/postgres-restart.e2e.spec.ts). The query in hand still fails; the pool drops the dead client on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepareMarkedStatements(client);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/**
 * Marks a statement (its text's first characters) to run as a named prepared statement on connections of
 * createDatabase: parsed once per connection, and after five executions PostgreSQL may keep one generic plan instead
 * of planning every time (a head read's joins plan in more time than they execute). Elsewhere it is a comment.
 */
export const PREPARED_STATEMENT = '/* prepared */ ';
/** Statement text to name, per process: a name always stands for one text. Bounded: beyond, marked texts run unnamed. */
const statementNames = new Map<string, string>();
const MAX_PREPARED_TEXTS = 200;

function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Kysely's pg driver sends (text, values) and awaits the promise; that shape alone is named.
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (args.length <= 2 && typeof text === 'string' && text.startsWith(PREPARED_STATEMENT)) {
      let name = statementNames.get(text);
      if (!name && statementNames.size < MAX_PREPARED_TEXTS) statementNames.set(text, (name = `factledger_${statementNames.size}`));
      if (name) return query({ name, text, values });
    }
    return query(...args);
  }) as typeof client.query;
}

/**
 * The connection string with `limits` as the server settings of every session
 * opened with it (libpq's `options=-c name=value`), for connections made from a
 * URL by code that takes no settings of its own: the projectors' and the
 * sealer's sessions, listeners. A setting the URL already names is kept.
 */
export function withSessionLimits(connectionString: string, limits: SessionLimits): string {
  const url = new URL(connectionString);
  const existing = url.searchParams.get('options') ?? '';
  const settings = [
    ['statement_timeout', limits.statementTimeoutMs],
    ['idle_in_transaction_session_timeout', limits.idleInTransactionTimeoutMs],
  ] as const;
  const added = settings.filter(([name, ms]) => ms && !existing.includes(`${name}=`)).map(([name, ms]) => `-c ${name}=${ms}`);
  if (added.length === 0) return connectionString;
  url.searchParams.set('options', [existing, ...added].filter(Boolean).join(' '));
  return url.toString();
}
