import { purgeExpiredKeys } from '../apps/api/src/idempotency/idempotency.repository';
import { requestHashOf } from '../apps/api/src/idempotency/request-hash';
import { startApi, type ApiHarness } from './support/api-harness';
import { REPORTS, registerCatalog, upTo1500 } from './support/scenario';

/** The fingerprint the API stores for a request (method, URL, body), to plant the row a crashed request leaves. */
const requestHash = requestHashOf;

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

  describe('a claim whose request crashed (lease)', () => {
    const LEASE = "interval '30 seconds'"; // the default IDEMPOTENCY_LEASE_MS
    /** What a request that crashed after its append, before storing its response, leaves: a claim, now `age` old. */
    const crashAfterAppend = (key: string, age: string) =>
      api.db.pool.query(
        `UPDATE idempotency_keys SET status_code = NULL, response_body = NULL, response_headers = NULL, completed_at = NULL,
                claimed_at = now() - (${age}), claim_token = gen_random_uuid() WHERE key = $1`,
        [key],
      );
    /** What a request that crashed before appending leaves: only its claim. */
    const crashBeforeAppend = (key: string, method: string, url: string, body: unknown, age: string) =>
      api.db.pool.query(
        `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, created_at, claimed_at) VALUES ($5, $1, $2, $3, $4, now() - (${age}), now() - (${age}))`,
        [key, method, url, requestHash(method, url, body), api.key.keyId], // keys are scoped by the authenticated principal
      );

    it('answers a retry within the lease with 409 in progress', async () => {
      const figure = await api.request('POST', '/v1/figures', upTo1500);
      const url = `/v1/figures/${figure.body.id}/revisions`;
      await crashBeforeAppend('fresh-1', 'POST', url, revision(1400), "interval '1 second'");
      const retry = await api.request('POST', url, revision(1400), { 'idempotency-key': 'fresh-1' });
      expect(retry.status).toBe(409);
      expect(retry.body.code).toBe('idempotency.in_progress');
    });

    it('takes over a claim past its lease whose request crashed before appending: the retry runs and stores its answer', async () => {
      const figure = await api.request('POST', '/v1/figures', upTo1500);
      const url = `/v1/figures/${figure.body.id}/revisions`;
      await crashBeforeAppend('crashed-before-1', 'POST', url, revision(1400), `${LEASE} + interval '1 second'`);
      const before = await api.eventCount();
      const retry = await api.request('POST', url, revision(1400), { 'idempotency-key': 'crashed-before-1' });
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ streamVersion: 2, changed: true });
      expect(await api.eventCount()).toBe(before + 1);
      const again = await api.request('POST', url, revision(1400), { 'idempotency-key': 'crashed-before-1' });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(retry.body);
    });

    it.each([
      ['POST /v1/figures', 'POST', () => '/v1/figures', () => ({ ...upTo1500, validAt: { date: '2024-10-24' } })],
      ['POST /v1/figures/{id}/revisions', 'POST', (id: string) => `/v1/figures/${id}/revisions`, () => revision(1300)],
      [
        'POST /v1/figures/{id}/corroborations',
        'POST',
        (id: string) => `/v1/figures/${id}/corroborations`,
        () => ({ citation: { reportId: REPORTS.wire.reportId, quote: 'up to 1,500' } }),
      ],
      ['POST /v1/figures/{id}/retractions', 'POST', (id: string) => `/v1/figures/${id}/retractions`, () => ({ reason: 'withdrawn' })],
      ['POST /v1/metrics', 'POST', () => '/v1/metrics', () => ({ key: 'lease_metric', label: 'Lease metric', unit: 'troops' })],
      ['PATCH /v1/metrics/{key}', 'PATCH', () => '/v1/metrics/north_korean_troops_in_russia', () => ({ label: 'North Korean soldiers in Russia' })],
      ['POST /v1/sources', 'POST', () => '/v1/sources', () => ({ sourceId: 'lease-source', name: 'Lease source', kind: 'media', country: 'NL' })],
      ['PATCH /v1/sources/{id}', 'PATCH', () => '/v1/sources/us-intelligence', () => ({ name: 'US intelligence community' })],
      ['POST /v1/reports', 'POST', () => '/v1/reports', () => ({ ...REPORTS.wire, reportId: 'lease-report', text: 'up to 1,500 soldiers' })],
      ['PATCH /v1/reports/{id}', 'PATCH', () => `/v1/reports/${REPORTS.oct28.reportId}`, () => ({ title: 'Estimates diverge' })],
    ])(
      '%s: a takeover of a claim whose request crashed after appending answers with the original result and appends nothing',
      async (_name, method, path, body) => {
        const figure = await api.request('POST', '/v1/figures', { ...upTo1500, validAt: { date: '2024-10-23' } });
        const url = path(figure.body.id);
        const key = `crashed-after-${method}-${url}`;
        const first = await api.request(method, url, body(), { 'idempotency-key': key });
        expect(first.status).toBeLessThan(300);
        await crashAfterAppend(key, `${LEASE} + interval '1 second'`);
        const before = await api.eventCount();

        const retry = await api.request(method, url, body(), { 'idempotency-key': key });
        expect(retry.status).toBe(first.status);
        expect(retry.headers['idempotent-replayed']).toBeUndefined(); // it ran again
        expect(retry.headers.etag).toBe(first.headers.etag);
        expect(retry.headers.location).toBe(first.headers.location);
        expect(retry.body).toMatchObject({
          id: first.body.id,
          streamVersion: first.body.streamVersion,
          position: first.body.position,
          data: first.body.data,
        });
        expect(await api.eventCount()).toBe(before);
      },
    );

    it('lets only one of concurrent retries take over an expired claim', async () => {
      const figure = await api.request('POST', '/v1/figures', upTo1500);
      const url = `/v1/figures/${figure.body.id}/revisions`;
      await crashBeforeAppend('crashed-race-1', 'POST', url, revision(1400), `${LEASE} + interval '1 second'`);
      const before = await api.eventCount();
      const retries = await Promise.all(
        Array.from({ length: 6 }, () => api.request('POST', url, revision(1400), { 'idempotency-key': 'crashed-race-1' })),
      );
      const ran = retries.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
      expect(ran).toHaveLength(1);
      for (const r of retries) expect(r.status === 201 || (r.status === 409 && r.body.code === 'idempotency.in_progress')).toBe(true);
      expect(await api.eventCount()).toBe(before + 1);
    });
  });

  it('still answers new work with a stale If-Match with 412', async () => {
    const figure = await api.request('POST', '/v1/figures', upTo1500);
    await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1400), { 'if-match': '"1"' });
    const stale = await api.request('POST', `/v1/figures/${figure.body.id}/revisions`, revision(1300), {
      'idempotency-key': 'new-1',
      'if-match': '"1"',
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'stream.version_conflict', currentVersion: 2 });
  });
});

describe('Idempotency-Key retention (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ idempotencyRetentionHours: 24 });
  });
  afterAll(() => api.close());

  const plant = (key: string, age: string, completed: boolean) =>
    api.db.pool.query(
      `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, status_code, response_body, created_at, claimed_at, completed_at)
       VALUES ('anonymous', $1, 'POST', '/v1/metrics', 'h', ${completed ? "201, '{}'::jsonb" : 'NULL, NULL'}, now() - (${age}), now() - (${age}), ${completed ? `now() - (${age})` : 'NULL'})`,
      [key],
    );
  const keys = async () => (await api.db.pool.query<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).rows.map((r) => r.key);

  it('purges keys older than IDEMPOTENCY_RETENTION_HOURS, completed or long abandoned, after a new claim', async () => {
    await plant('old-completed', "interval '25 hours'", true);
    await plant('old-abandoned', "interval '25 hours'", false);
    await plant('recent-completed', "interval '23 hours'", true);
    await plant('recent-abandoned', "interval '23 hours'", false);
    const fresh = await api.request(
      'POST',
      '/v1/metrics',
      { key: 'retention_metric', label: 'Retention', unit: 'troops' },
      { 'idempotency-key': 'new-1' },
    );
    expect(fresh.status).toBe(201);
    for (let i = 0; i < 100 && (await keys()).includes('old-completed'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await keys()).toEqual(['new-1', 'recent-abandoned', 'recent-completed']);
  });

  it('purges in batches, oldest first', async () => {
    await plant('batch-older', "interval '50 hours'", true);
    await plant('batch-old', "interval '40 hours'", true);
    expect(await purgeExpiredKeys(api.db.db, 24, 1)).toBe(1);
    expect(await keys()).toContain('batch-old');
    expect(await keys()).not.toContain('batch-older');
    expect(await purgeExpiredKeys(api.db.db, 24, 1)).toBe(1);
    expect(await purgeExpiredKeys(api.db.db, 24, 1)).toBe(0);
  });
});
