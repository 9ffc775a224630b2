import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { settleLog } from '../libs/audit/application/src/testing/settle';
import { startApi, type ApiHarness } from './support/api-harness';

/** GET /health: the database decides up or down; Redis and the sealer only degrade. */
describe('health (HTTP, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({}, { keyless: true }); // an empty log: no key's event in it
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
    await sql`SELECT * FROM factledger_append('health-probe', 'probe', 'any', ${JSON.stringify([{ id, type: 'probe.v1', data: {} }]).replace('{}', '{"x":1e400}')}::jsonb)`.execute(api.db.db);
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
