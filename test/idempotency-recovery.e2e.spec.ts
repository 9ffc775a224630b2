import { startApi, type ApiHarness } from './support/api-harness';
import { registerCatalog, upTo1500 } from './support/scenario';

/**
 * Idempotency-Key after a failure: a retry whose first attempt wrote its
 * events but never stored its response (crash, lost connection) gets that
 * write's result and appends nothing.
 */
describe('Idempotency-Key recovery (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await registerCatalog(api);
  });
  afterAll(() => api.close());

  const revision = (value: number) => ({ amount: { qualifier: 'exact', value }, citation: upTo1500.citation, reason: `to ${value}` });
  const forgetResponse = (key: string) => api.db.pool.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);

  it('answers a retry of a write that landed, sent with its original If-Match, with the original result, not 412', async () => {
    const figure = await api.request('POST', '/v1/figures', upTo1500);
    const headers = { 'idempotency-key': 'lost-1', 'if-match': '"1"' };
    const first = await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1400), headers);
    expect(first.status).toBe(201);
    await forgetResponse('lost-1'); // the response was never stored
    const before = await api.eventCount();

    const retry = await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1400), headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.body).toMatchObject({ id: first.body.id, streamVersion: 2, position: first.body.position, data: first.body.data });
    expect(await api.eventCount()).toBe(before);
  });

  it('still answers new work with a stale If-Match with 412', async () => {
    const figure = await api.request('POST', '/v1/figures', upTo1500);
    await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1400), { 'if-match': '"1"' });
    const stale = await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1300), { 'idempotency-key': 'new-1', 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'stream.version_conflict', currentVersion: 2 });
  });
});
