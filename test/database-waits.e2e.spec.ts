import type pg from 'pg';
import { DATABASE, type DatabaseHandle } from '@factledger/platform';
import { startApi, type ApiHarness } from './support/api-harness';

/**
 * Issue 14: no request waits on the database without bound. The waits are
 * forced on real PostgreSQL, with no test route: a lock held from another
 * connection, and the API's own pool connections held by the test.
 */
describe('bounded database waits (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({
      requestStatementTimeoutMs: 1000,
      requestIdleInTransactionTimeoutMs: 1000,
      databaseConnectTimeoutMs: 500,
      databasePoolSize: 3,
    });
  });
  afterAll(() => api?.close());

  const metric = (key: string) => ({ key, label: `Homes lost (${key})`, unit: 'count' });

  it('answers 503 database.timeout with Retry-After when a statement passes REQUEST_STATEMENT_TIMEOUT_MS, and the next request goes through', async () => {
    const blocker: pg.PoolClient = await api.db.adminPool.connect();
    try {
      await blocker.query('BEGIN');
      // Every append takes the stream table's lock; this one conflicts with all of them until the rollback.
      await blocker.query('LOCK TABLE streams IN ACCESS EXCLUSIVE MODE');
      const blocked = await api.request('POST', '/v1/metrics', metric('homes_lost_a'));
      expect(blocked.status).toBe(503);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(blocked.body).toMatchObject({ code: 'database.timeout', status: 503 });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expect((await api.request('POST', '/v1/metrics', metric('homes_lost_a'))).status).toBe(201);
  });

  it('answers 503 database.busy with Retry-After when no pool connection frees up within DATABASE_CONNECT_TIMEOUT_MS', async () => {
    const { pool } = api.app.get<DatabaseHandle<unknown>>(DATABASE);
    const held: pg.PoolClient[] = [];
    try {
      for (let i = 0; i < 3; i++) held.push(await pool.connect());
      const waiting = await api.request('POST', '/v1/metrics', metric('homes_lost_b'));
      expect(waiting.status).toBe(503);
      expect(waiting.body).toMatchObject({ code: 'database.busy' });
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      for (const client of held) client.release();
    }
    expect((await api.request('POST', '/v1/metrics', metric('homes_lost_b'))).status).toBe(201);
  });

  it("gives the API's connections the request limits as their server settings", async () => {
    const { pool } = api.app.get<DatabaseHandle<unknown>>(DATABASE);
    const { rows } = await pool.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows[0]).toEqual({ statement: '1s', idle: '1s' });
  });
});
