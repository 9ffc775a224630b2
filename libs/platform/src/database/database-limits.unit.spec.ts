import { withSessionLimits } from './database';
import { databaseFaultOf } from './database-errors';

describe('session limits in a connection string', () => {
  it('adds statement and idle-in-transaction timeouts as libpq options, keeping the rest of the URL', () => {
    const url = new URL(
      withSessionLimits('postgres://app:pw@db:5432/factledger?application_name=w', { statementTimeoutMs: 1500, idleInTransactionTimeoutMs: 900 }),
    );
    expect(url.searchParams.get('application_name')).toBe('w');
    expect(url.searchParams.get('options')).toBe('-c statement_timeout=1500 -c idle_in_transaction_session_timeout=900');
    expect(`${url.username}:${url.password}@${url.host}${url.pathname}`).toBe('app:pw@db:5432/factledger');
  });

  it('keeps a setting the URL names already, and leaves the URL alone with no limit (0)', () => {
    const given = 'postgres://db/x?options=-c%20statement_timeout%3D5';
    expect(new URL(withSessionLimits(given, { statementTimeoutMs: 1500, idleInTransactionTimeoutMs: 900 })).searchParams.get('options')).toBe(
      '-c statement_timeout=5 -c idle_in_transaction_session_timeout=900',
    );
    expect(withSessionLimits('postgres://db/x', { statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 })).toBe('postgres://db/x');
  });
});

describe('database faults a client may retry', () => {
  const pgError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });
  it("names timeouts, a busy pool, an unreachable server and a replica's recovery conflict; anything else is not one", () => {
    expect(databaseFaultOf(pgError('57014', 'canceling statement due to statement timeout'))?.code).toBe('database.timeout');
    expect(databaseFaultOf(pgError('25P03'))?.code).toBe('database.timeout');
    expect(databaseFaultOf(new Error('timeout exceeded when trying to connect'))?.code).toBe('database.busy');
    expect(databaseFaultOf(pgError('ECONNREFUSED'))?.code).toBe('database.unavailable');
    expect(databaseFaultOf(pgError('57P01'))?.code).toBe('database.unavailable');
    expect(databaseFaultOf(new Error('Connection terminated unexpectedly'))?.code).toBe('database.unavailable');
    expect(databaseFaultOf(pgError('40001', 'canceling statement due to conflict with recovery'))?.code).toBe('database.timeout');
    expect(databaseFaultOf(pgError('40001', 'could not serialize access due to concurrent update'))).toBeUndefined();
    expect(databaseFaultOf(pgError('23505'))).toBeUndefined();
    expect(databaseFaultOf(new Error('undefined is not a function'))).toBeUndefined();
  });
});
