import { createFactledgerClient, FactledgerProblem, ifMatch, type FactledgerClient, type paths } from '@factledger/client';
import { injectFetch } from './support/inject-fetch';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES } from './support/scenario';

const BASE = 'http://factledger.test';

type FigureBody = NonNullable<paths['/v1/figures']['post']['requestBody']>['content']['application/json'];
/** A POST /v1/figures body, as the contract types it. */
const figureBody = (sourceId: string, amount: FigureBody['amount'], date: string, reportId: string, quote: string): FigureBody => ({
  metricKey: METRIC.key,
  sourceId,
  amount,
  validAt: { date },
  citation: { reportId, quote },
  method: 'estimate',
});

/** A rejection of the call, as the FactledgerProblem it must be. */
const problemOf = async (call: Promise<unknown>): Promise<FactledgerProblem> => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof FactledgerProblem)) throw new Error(`expected a FactledgerProblem, got ${String(error)}`);
  return error;
};

/**
 * @factledger/client against the real API (write side, read side, a projector
 * in the process): the calls a REST client makes, typed from docs/openapi.json.
 */
describe('@factledger/client (real API and PostgreSQL)', () => {
  let api: ReadApiHarness;
  let seen: Request[];
  let client: FactledgerClient;
  const connect = (options: { readYourWrites?: boolean; apiKey?: string } = {}) =>
    createFactledgerClient({ baseUrl: BASE, apiKey: api.key.token, fetch: injectFetch(api.app, seen), ...options });
  const sent = (method: string, path: string) => seen.filter((r) => r.method === method && new URL(r.url).pathname === path);

  beforeAll(async () => {
    // Long enough for a loaded machine's projector, short enough for the 503 case to wait it out. Its projector runs.
    api = await startReadApi({ readWaitTimeoutMs: 4000 });
    seen = [];
    client = connect();
    await client.post('/v1/metrics', { body: METRIC });
    for (const source of Object.values(SOURCES)) await client.post('/v1/sources', { body: { ...source, aliases: [...source.aliases] } });
    for (const report of Object.values(REPORTS)) await client.post('/v1/reports', { body: report });
  });
  afterAll(() => api?.close());

  it('sends the key as a bearer token and an Idempotency-Key on every write', () => {
    const writes = sent('POST', '/v1/sources');
    expect(writes).toHaveLength(3);
    expect(writes.every((r) => r.headers.get('authorization') === `Bearer ${api.key.token}`)).toBe(true);
    const keys = writes.map((r) => r.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((k) => k !== null && /^[0-9a-f-]{36}$/.test(k))).toBe(true);
  });

  it('reports a figure and reads it back at once: the next read waits for the write (minPosition)', async () => {
    const written = await client.post('/v1/figures', {
      body: figureBody(SOURCES.usIntel.sourceId, { qualifier: 'approximately', value: 10000 }, '2024-10-30', REPORTS.wire.reportId, 'some 10,000'),
    });
    expect(client.lastWritePosition).toBe(written.position);
    const { data, basis } = await client.get('/v1/metrics/{key}/estimate', {
      params: { path: { key: METRIC.key }, query: { validAt: '2024-10-31' } },
    });
    expect(data.figureIds).toContain(written.id);
    expect(BigInt(basis.position)).toBeGreaterThanOrEqual(BigInt(written.position!));
    expect(new URL(sent('GET', `/v1/metrics/${METRIC.key}/estimate`).at(-1)!.url).searchParams.get('minPosition')).toBe(written.position);
  });

  it('keeps a minPosition the call sends, and sends none when read-your-writes is off', async () => {
    await client.get('/v1/metrics/{key}', { params: { path: { key: METRIC.key }, query: { minPosition: '1' } } });
    expect(new URL(sent('GET', `/v1/metrics/${METRIC.key}`).at(-1)!.url).searchParams.get('minPosition')).toBe('1');
    const plain = connect({ readYourWrites: false });
    await plain.post('/v1/figures', {
      body: figureBody(SOURCES.mivd.sourceId, { qualifier: 'up_to', high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, 'as many as 1,500'),
    });
    await plain.get('/v1/metrics/{key}', { params: { path: { key: METRIC.key } } });
    expect(new URL(sent('GET', `/v1/metrics/${METRIC.key}`).at(-1)!.url).searchParams.has('minPosition')).toBe(false);
  });

  it('waits for the read models: a write they have not applied makes the read a typed 503', async () => {
    await api.stopProjector();
    try {
      await client.post('/v1/figures', {
        body: figureBody(SOURCES.hur.sourceId, { qualifier: 'approximately', value: 12000 }, '2024-10-28', REPORTS.oct28.reportId, 'nearer 12,000'),
      });
      const problem = await problemOf(client.get('/v1/metrics/{key}/estimate', { params: { path: { key: METRIC.key } } }));
      expect(problem).toMatchObject({ status: 503, code: 'projection.wait_timeout' });
    } finally {
      await api.startProjector();
    }
    const { data } = await client.get('/v1/metrics/{key}/estimate', {
      params: { path: { key: METRIC.key }, query: { validAt: '2024-10-31', includeUnverified: true } },
    });
    expect(data.sources.map((s) => s.sourceId)).toContain(SOURCES.hur.sourceId);
  });

  it('revises a figure with If-Match from the version it saw; a stale version is a typed 412', async () => {
    const figure = await client.post('/v1/figures', {
      body: figureBody(SOURCES.mivd.sourceId, { qualifier: 'up_to', high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, 'up to 1,500'),
    });
    const revision = (value: number) => ({
      amount: { qualifier: 'approximately' as const, value },
      validAt: { date: '2024-10-28' },
      citation: { reportId: REPORTS.oct28.reportId, quote: 'now about 3,000' },
      reason: 'new assessment',
    });
    const revised = await client.post('/v1/figures/{id}/revisions', {
      params: { path: { id: figure.id }, header: { 'If-Match': ifMatch(figure) } },
      body: revision(3000),
    });
    expect(revised).toMatchObject({ streamVersion: 2, data: { currentVersion: 2 } });
    const stale = await problemOf(
      client.post('/v1/figures/{id}/revisions', {
        params: { path: { id: figure.id }, header: { 'If-Match': ifMatch(figure) } },
        body: revision(3100),
      }),
    );
    expect(stale).toMatchObject({ status: 412, code: 'stream.version_conflict' });
    expect(stale.body).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
  });

  it('pages every figure with an async iterator, every page at the first page’s basis', async () => {
    const all = [];
    for await (const figure of client.pages('/v1/metrics/{key}/figures', {
      params: { path: { key: METRIC.key }, query: { limit: 1, validAt: '2024-10-31' } },
    }))
      all.push(figure);
    const oneCall = await client.get('/v1/metrics/{key}/figures', {
      params: { path: { key: METRIC.key }, query: { limit: 500, validAt: '2024-10-31' } },
    });
    expect(all.length).toBeGreaterThan(2);
    expect(all).toEqual(oneCall.data);
    const pages = sent('GET', `/v1/metrics/${METRIC.key}/figures`).map((r) => new URL(r.url).searchParams);
    expect(pages.filter((q) => q.has('cursor')).length).toBe(all.length - 1);
  });

  it('answers problems as FactledgerProblem with code, status, detail and field errors (400, 404, 409)', async () => {
    const invalid = await problemOf(client.post('/v1/metrics', { body: { ...METRIC, key: 'Not A Key' } }));
    expect(invalid).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(invalid.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'key' })]));
    const missing = await problemOf(client.get('/v1/metrics/{key}', { params: { path: { key: 'no_such_metric' } } }));
    expect(missing).toMatchObject({ status: 404, code: 'metric.not_found' });
    expect(missing.detail).toContain('no_such_metric');
    const twice = await problemOf(client.post('/v1/metrics', { body: METRIC }));
    expect(twice).toMatchObject({ status: 409, code: 'metric.already_registered' });
    const anonymous = await problemOf(
      createFactledgerClient({ baseUrl: BASE, fetch: injectFetch(api.app) }).post('/v1/metrics', { body: { ...METRIC, key: 'another_metric' } }),
    );
    expect(anonymous).toMatchObject({ status: 401 });
  });

  it('replays a write sent again with the same Idempotency-Key instead of appending it twice', async () => {
    const body = figureBody(
      SOURCES.usIntel.sourceId,
      { qualifier: 'approximately', value: 11000 },
      '2024-10-31',
      REPORTS.wire.reportId,
      'about 11,000',
    );
    const header = { 'Idempotency-Key': 'client-e2e-retry-1' };
    const first = await client.post('/v1/figures', { params: { header }, body });
    const again = await client.post('/v1/figures', { params: { header }, body });
    expect(again.id).toBe(first.id);
    expect(again.position).toBe(first.position);
  });

  it('downloads the figures as CSV with the basis it was read at', async () => {
    const { text, basis } = await client.csv('/v1/metrics/{key}/figures', {
      params: { path: { key: METRIC.key }, query: { validAt: '2024-10-31' } },
    });
    expect(text.split('\r\n')[0]).toMatch(/^figure_id,metric_key,source_id,/);
    expect(basis).toMatchObject({ 'valid-at': '2024-10-31', position: expect.stringMatching(/^[0-9]+$/) });
    const again = await client.csv('/v1/metrics/{key}/figures', {
      params: { path: { key: METRIC.key }, query: { validAt: '2024-10-31', asOf: basis.position } },
    });
    expect(again.text).toBe(text);
  });
});
