import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { settleLog } from '../libs/audit/application/src/testing/settle';
import { startApi, type ApiHarness } from './support/api-harness';

/** GET /health: the database decides up or down; Redis and the sealer only degrade. */
describe('health (HTTP, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // An empty log: no key's event in it. The open-transaction check looks at the whole cluster, where other test
    // files run their own transactions: its bound is raised here so only the next describe block exercises it.
    api = await startApi({ healthOpenTransactionMaxAgeMs: 3_600_000 }, { keyless: true });
  });
  afterAll(() => api.close());

  it('is ok with every check up while nothing waits to be sealed', async () => {
    const response = await api.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, sealer: { status: 'up', state: 'running', treeSize: 0, lagEvents: 0 } },
    });
  });

  it('is degraded, naming the event, when the next event cannot be sealed', async () => {
    // Only a writer that bypasses the API can store this: jsonb keeps 1e400, which has no I-JSON form.
    const id = randomUUID();
    await sql`SELECT * FROM factledger_append('health-probe', 'probe', 'any', ${JSON.stringify([{ id, type: 'probe.v1', data: {} }]).replace('{}', '{"x":1e400}')}::jsonb)`.execute(
      api.db.db,
    );
    // The status reads the log gap-safe: a transaction elsewhere on the server (another run's DROP DATABASE) hides it until it ends.
    await settleLog(api.db.db);
    const response = await api.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, sealer: { status: 'down', state: 'stalled', eventId: id, position: expect.any(String), lagEvents: 1 } },
    });
    expect(response.body.checks.sealer.error).toContain('cannot be sealed');
  });
});

describe('health: a transaction left open elsewhere in the cluster (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ healthOpenTransactionMaxAgeMs: 1000 }, { keyless: true });
  });
  afterAll(() => api.close());

  it('is degraded while a transaction holding a transaction id stays open past HEALTH_OPEN_TRANSACTION_MAX_AGE_MS, and reports its age', async () => {
    // Another role's session (a superuser's psql, say), on this test's database: the app role cannot see its details itself.
    const blocker = await api.db.adminPool.connect();
    try {
      await blocker.query(`SET application_name = 'left-open-by-test'`);
      await blocker.query('BEGIN');
      const { rows } = await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_current_xact_id()');
      const opened = Date.now();
      let body: any;
      // Progress, not a time: poll until the transaction's age passes the threshold.
      for (;;) {
        body = (await api.request('GET', '/health')).body;
        // Another test file's transaction elsewhere in the cluster may be the oldest for a while: wait for ours.
        if (body.checks.transactions.status === 'down' && body.checks.transactions.oldest?.pid === rows[0]!.pid) break;
        expect(Date.now() - opened).toBeLessThan(20_000);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(body.status).toBe('degraded');
      expect(body.checks.transactions).toMatchObject({
        status: 'down',
        maxAgeMs: 1000,
        oldest: { pid: rows[0]!.pid, applicationName: 'left-open-by-test', state: 'idle in transaction', database: api.db.name },
      });
      expect(body.checks.transactions.oldest.ageMs).toBeGreaterThan(1000);
      expect(body.checks.transactions.oldest.ageMs).toBeLessThanOrEqual(Date.now() - opened + 1000);
      expect(body.checks.transactions.error).toContain(`pid ${rows[0]!.pid}`);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const after = (await api.request('GET', '/health')).body;
    expect(after.checks.transactions.oldest?.applicationName ?? null).not.toBe('left-open-by-test');
  });
});
