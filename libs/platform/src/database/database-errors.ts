/**
 * Database faults a request can meet through no fault of its own, each a 503
 * the client may retry (with Retry-After), never a 500: a statement over its
 * statement_timeout, a transaction ended for idling, no pool connection within
 * DATABASE_CONNECT_TIMEOUT_MS, a server that is down or restarting, a read
 * replica that cancelled a query to replay the primary's changes.
 */
export interface DatabaseFault {
  code: 'database.timeout' | 'database.busy' | 'database.unavailable';
  detail: string;
  retryAfterSeconds: number;
}

// SQLSTATEs: query_canceled (statement_timeout), idle_in_transaction_session_timeout, lock_not_available,
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const TIMEOUT_STATES = new Set(['57014', '25P03', '55P03']);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function databaseFaultOf(error: unknown): DatabaseFault | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUT_STATES.has(code)) {
    return { code: 'database.timeout', detail: 'The database did not answer within the time a request may take; retry later', retryAfterSeconds: 2 };
  }
  // A hot standby (READ_DATABASE_URL) cancels a query whose snapshot conflicts with WAL it must replay
  // (serialization_failure or deadlock_detected, "canceling statement due to conflict with recovery").
  if ((code === '40001' || code === '40P01') && /conflict with recovery/i.test(error.message)) {
    return { code: 'database.timeout', detail: "The read replica cancelled the query to replay the primary's changes; retry", retryAfterSeconds: 1 };
  }
  // pg-pool's own words when connectionTimeoutMillis passes with every connection in use (or connecting).
  if (/^timeout exceeded when trying to connect$|connection timeout/i.test(error.message)) {
    return { code: 'database.busy', detail: 'No database connection became free in time; retry later', retryAfterSeconds: 2 };
  }
  if ((typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || NETWORK_CODES.has(code))) || /^Connection terminated/i.test(error.message)) {
    return { code: 'database.unavailable', detail: 'The database is unreachable; retry later', retryAfterSeconds: 5 };
  }
  return undefined;
}
