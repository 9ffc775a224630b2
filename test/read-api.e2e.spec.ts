import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog, figureBody as figure, writeOctoberScenario } from './support/scenario';

const PROBLEM = 'application/problem+json';
const ESTIMATE = `/v1/metrics/${METRIC.key}/estimate`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A page cursor as a client could forge it: the first page's basis, and keys of any shape. */
const forged = (k: unknown[], p = '1', v = '2024-10-28') => Buffer.from(JSON.stringify({ p, v, k })).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000001';

/**
 * The October 2024 scenario through the read API: Dutch MIVD up to 1,500 (25
 * Oct), updated to 3,000 (28 Oct); US intelligence ~10,000 (30 Oct);
 * Ukrainian HUR ~12,000 (28 Oct, party to the conflict), repeated by a wire.
 */
describe('read API (HTTP, real PostgreSQL, projector running)', () => {
  let api: ReadApiHarness;
  const positions: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const write = async (name: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await api.request('POST', path, body, headers);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    positions[name] = response.body.position;
    ids[name] = response.body.id;
    await pause(5); // distinct recorded times, for the asOf-time checks
    return response.body;
  };
  const get = async (url: string, status = 200) => {
    const response = await api.request('GET', url);
    if (response.status !== status) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    api = await startReadApi({ readWaitTimeoutMs: 1500 });
    await registerCatalog(api as unknown as ApiHarness); // it only sends requests
    await writeOctoberScenario(write);
    await api.settled(positions.wire!);
  });
  afterAll(() => api.close());

  describe('the estimate', () => {
    it("gives every source's latest figure and the consensus", async () => {
      const { data, basis } = await get(ESTIMATE);
      expect(data).toMatchObject({
        metricKey: METRIC.key,
        unit: 'troops',
        algorithmVersion: 2,
        consensus: 10000,
        low: 3000,
        high: 12000,
        sourceCount: 3,
        excludeParties: false,
        includeUnverified: false,
        excluded: [],
        excludedSources: [],
      });
      expect(data.sources.map((s: any) => [s.sourceId, s.point, s.partyToConflict, s.version])).toEqual([
        ['nl-mivd', 3000, false, 2],
        ['us-intelligence', 10000, false, 1],
        ['ua-hur', 12000, true, 1],
      ]);
      expect(data.figureIds).toEqual([ids.mivd, ids.us, ids.hur]);
      // Each figure comes with the report and quote of the version used (the revision's, for the MIVD).
      expect(data.sources.map((s: any) => [s.citation.reportId, s.citation.quote])).toEqual([
        [REPORTS.oct28.reportId, 'now about 3,000'],
        [REPORTS.wire.reportId, 'some 10,000'],
        [REPORTS.oct28.reportId, 'nearer 12,000'],
      ]);
      // The corroboration changed no belief: the last change is HUR's report.
      expect(data.lastChange).toMatchObject({ position: positions.hur });
      expect(basis).toEqual({
        position: positions.wire,
        recordedAt: expect.any(String),
        validAt: new Date().toISOString().slice(0, 10),
        algorithmVersion: 2,
        excludeParties: false,
        includeUnverified: false,
      });
    });

    it('can leave out the parties to the conflict', async () => {
      const { data } = await get(`${ESTIMATE}?excludeParties=true`);
      expect(data).toMatchObject({ consensus: 6500, low: 3000, high: 10000, sourceCount: 2, excludeParties: true, excludedSources: ['ua-hur'] });
    });

    it('as believed at an earlier position: before the update, only "up to 1,500"', async () => {
      const { data, basis } = await get(`${ESTIMATE}?asOf=${positions.mivd}`);
      expect(data).toMatchObject({ consensus: 1500, low: 1500, high: 1500, sourceCount: 1, figureIds: [ids.mivd] });
      expect(data.sources[0]).toMatchObject({
        amount: { qualifier: 'up_to', high: 1500 },
        point: 1500,
        low: null,
        high: 1500,
        version: 1,
        citation: { reportId: REPORTS.oct25.reportId, quote: 'as many as 1,500 soldiers' },
      });
      expect(basis.position).toBe(positions.mivd);
      const afterUpdate = await get(`${ESTIMATE}?asOf=${positions.mivdUpdate}`);
      expect(afterUpdate.data).toMatchObject({ consensus: 3000, sourceCount: 1 });
    });

    it('as believed at an earlier time: the last position recorded by then', async () => {
      const before = await get(`${ESTIMATE}?asOf=${positions.mivd}`);
      const { data, basis } = await get(`${ESTIMATE}?asOf=${encodeURIComponent(before.basis.recordedAt)}`);
      expect(basis).toEqual(before.basis);
      expect(data).toEqual(before.data);
      const beforeAnything = await get(`/v1/metrics?asOf=2020-01-01T00:00:00Z`);
      expect(beforeAnything).toMatchObject({ data: [], basis: { position: '0', recordedAt: null } });
    });

    it('valid at an earlier date: what was true on 26 and on 28 October', async () => {
      const oct26 = await get(`${ESTIMATE}?validAt=2024-10-26`);
      expect(oct26.data).toMatchObject({ consensus: 1500, sourceCount: 1, figureIds: [ids.mivd] });
      expect(oct26.data.sources[0]).toMatchObject({ version: 1, validAt: { date: '2024-10-25', precision: 'day' } });
      const oct28 = await get(`${ESTIMATE}?validAt=2024-10-28`);
      expect(oct28.data).toMatchObject({ consensus: 7500, low: 3000, high: 12000, sourceCount: 2, figureIds: [ids.mivd, ids.hur] });
      const both = await get(`${ESTIMATE}?validAt=2024-10-28&asOf=${positions.us}`);
      expect(both.data).toMatchObject({ consensus: 3000, sourceCount: 1 });
    });

    it('reproduces an answer exactly from its basis, however the ledger moves on', async () => {
      const first = await get(ESTIMATE);
      const later = await write('later', `/v1/figures/${ids.us}/revisions`, {
        amount: { qualifier: 'approximately', value: 11000 },
        citation: { reportId: REPORTS.wire.reportId, quote: 'corrected to 11,000' },
        reason: 'misread',
      });
      await api.settled(later.position);
      expect((await get(ESTIMATE)).data.consensus).toBe(11000);
      const { basis } = first;
      // The basis as query parameters asks the same question again.
      const { position, recordedAt: _at, ...question } = basis;
      const replay = await get(`${ESTIMATE}?${new URLSearchParams({ asOf: position, ...question })}`);
      expect(replay).toEqual(first);
    });
  });

  describe('read-your-writes', () => {
    it('waits for minPosition, then includes the write', async () => {
      const written = await write(
        'ryw',
        '/v1/figures',
        figure(SOURCES.usIntel.sourceId, { qualifier: 'at_least', low: 9000 }, '2024-10-20', REPORTS.oct25.reportId, 'at least 9,000'),
      );
      const { data, basis } = await get(`/v1/sources/${SOURCES.usIntel.sourceId}/figures?minPosition=${written.position}&validAt=2024-10-21`);
      expect(BigInt(basis.position)).toBeGreaterThanOrEqual(BigInt(written.position));
      expect(data.map((f: any) => f.figureId)).toContain(written.id);
    });

    it('answers 503 problem+json when the read models do not get there in time', async () => {
      await api.stopProjector();
      try {
        const written = await write(
          'stalled',
          '/v1/figures',
          figure(SOURCES.mivd.sourceId, { qualifier: 'exact', value: 1 }, '2024-10-01', REPORTS.oct25.reportId, 'one'),
        );
        const started = Date.now();
        const response = await api.request('GET', `${ESTIMATE}?minPosition=${written.position}`);
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toContain(PROBLEM);
        expect(response.body).toMatchObject({ code: 'projection.wait_timeout', position: written.position });
        expect(Date.now() - started).toBeLessThan(5000); // bounded: the configured 1.5 s, not forever
        // An asOf the read models have not reached waits the same way.
        expect((await api.request('GET', `${ESTIMATE}?asOf=${written.position}`)).status).toBe(503);
      } finally {
        await api.startProjector();
      }
      await api.settled(positions.stalled!);
    });
  });

  describe('lists, history, catalog', () => {
    it("pages a metric's figures on one basis, and refuses a cursor with another asOf", async () => {
      const first = await get(`/v1/metrics/${METRIC.key}/figures?limit=2&validAt=2024-10-30`);
      expect(first.data).toHaveLength(2);
      expect(first.page).toEqual({ limit: 2, nextCursor: expect.any(String) });
      const seen = [...first.data];
      // A write between pages does not shift them: the cursor keeps the first page's basis.
      const extra = await write(
        'extra',
        '/v1/figures',
        figure(SOURCES.hur.sourceId, { qualifier: 'range', low: 10000, high: 12000 }, '2024-10-29', REPORTS.oct28.reportId, '10,000 to 12,000'),
      );
      await api.settled(extra.position);
      let cursor = first.page.nextCursor;
      while (cursor) {
        const page = await get(`/v1/metrics/${METRIC.key}/figures?limit=2&cursor=${cursor}`);
        expect(page.basis).toEqual(first.basis);
        seen.push(...page.data);
        cursor = page.page.nextCursor;
      }
      const all = await get(`/v1/metrics/${METRIC.key}/figures?limit=500&validAt=2024-10-30&asOf=${first.basis.position}`);
      expect(seen).toEqual(all.data);
      expect(seen.map((f: any) => f.figureId)).not.toContain(extra.id);
      const mismatch = await api.request('GET', `/v1/metrics/${METRIC.key}/figures?limit=2&asOf=${positions.mivd}&cursor=${first.page.nextCursor}`);
      expect(mismatch).toMatchObject({ status: 422, body: { code: 'query.cursor_basis_mismatch' } });
      const onlyHur = await get(`/v1/metrics/${METRIC.key}/figures?sourceId=ua-hur`);
      expect(onlyHur.data.every((f: any) => f.sourceId === 'ua-hur')).toBe(true);
    });

    it('tells the history of a figure: versions, who recorded them and why, belief and valid ranges', async () => {
      const { data } = await get(`/v1/figures/${ids.mivd}/history`);
      expect(data).toMatchObject({
        figureId: ids.mivd,
        metricKey: METRIC.key,
        sourceId: 'nl-mivd',
        status: 'active',
        retraction: null,
        versionAtBasis: 2,
      });
      const [v1, v2] = data.versions;
      expect(v1).toMatchObject({
        version: 1,
        kind: 'reported',
        amount: { qualifier: 'up_to', high: 1500 },
        recorded: { position: positions.mivd, by: api.key.keyId, reason: 'POST /v1/figures' },
      });
      expect(v1.beliefs).toEqual([
        expect.objectContaining({
          recorded: expect.objectContaining({ fromPosition: positions.mivd, toPosition: positions.mivdUpdate }),
          valid: { from: '2024-10-25', to: null },
          closedBy: {
            kind: 'update',
            version: 2,
            position: positions.mivdUpdate,
            actor: api.key.keyId,
            reason: 'new assessment by the same service',
          },
          atBasis: false,
        }),
        expect.objectContaining({
          recorded: expect.objectContaining({ fromPosition: positions.mivdUpdate, toPosition: null }),
          valid: { from: '2024-10-25', to: '2024-10-28' },
          closedBy: null,
        }),
      ]);
      expect(v2).toMatchObject({
        version: 2,
        kind: 'update',
        revises: 1,
        reason: 'new assessment by the same service',
        beliefs: [expect.objectContaining({ valid: { from: '2024-10-28', to: null }, atBasis: true })],
      });
      // As known before the update: one version, held for every date from 25 October.
      const earlier = await get(`/v1/figures/${ids.mivd}/history?asOf=${positions.mivd}`);
      expect(earlier.data.versions).toHaveLength(1);
      expect(earlier.data.versions[0].beliefs).toEqual([
        expect.objectContaining({ recorded: expect.objectContaining({ toPosition: null }), closedBy: null, atBasis: true }),
      ]);
      const hur = await get(`/v1/figures/${ids.hur}/history`);
      expect(hur.data.corroborations).toEqual([
        expect.objectContaining({ kind: 'corroboration', quote: 'around 12,000, according to Ukrainian intelligence' }),
      ]);
    });

    it('lists the catalog and the figures a report cites', async () => {
      const metrics = await get('/v1/metrics');
      expect(metrics.data).toEqual([
        expect.objectContaining({ key: METRIC.key, label: METRIC.label, unit: 'troops', streamVersion: 1, links: expect.any(Object) }),
      ]);
      expect((await get(`/v1/metrics/${METRIC.key}`)).data).toMatchObject({ key: METRIC.key, unit: 'troops' });
      const wire = await get(`/v1/reports/${REPORTS.wire.reportId}`);
      expect(wire.data).toMatchObject({ reportId: REPORTS.wire.reportId, publisher: 'Example Wire', publishedAt: '2024-10-28' });
      const cited = wire.data.citations.map((c: any) => [c.figureId, c.kind]);
      expect(cited).toEqual(
        expect.arrayContaining([
          [ids.us, 'version'],
          [ids.hur, 'corroboration'],
        ]),
      );
      expect(wire.data.citations.find((c: any) => c.kind === 'corroboration')).toMatchObject({
        sourceId: 'ua-hur',
        figureStatus: 'active',
        figureAtBasis: { figureId: ids.hur, amount: { qualifier: 'approximately', value: 12000 } },
      });
      const early = await get(`/v1/reports/${REPORTS.wire.reportId}?asOf=${positions.mivd}`);
      expect(early.data.citations).toEqual([]);
    });

    it('reports projection status', async () => {
      const { data } = await get('/v1/projections');
      expect(data.map((s: any) => s.name).sort()).toEqual(['catalog', 'figures']);
      expect(data[0]).toMatchObject({
        state: 'running',
        checkpoint: { position: expect.any(String) },
        lagEvents: expect.any(Number),
        lagSeconds: expect.any(Number),
      });
    });
  });

  describe('bad requests', () => {
    it.each([
      ['a date that does not exist', `${ESTIMATE}?validAt=2024-02-30`, 400, 'request.invalid'],
      ['validAt after today', `${ESTIMATE}?validAt=2999-01-01`, 422, 'query.valid_at_in_future'],
      ['asOf that is neither position nor timestamp', `${ESTIMATE}?asOf=yesterday`, 400, 'request.invalid'],
      ['asOf as a bare date (ambiguous)', `${ESTIMATE}?asOf=2024-10-28`, 400, 'request.invalid'],
      ['asOf in the future', `${ESTIMATE}?asOf=2999-01-01T00:00:00Z`, 422, 'query.as_of_in_future'],
      ['asOf beyond the log', `${ESTIMATE}?asOf=999999999`, 422, 'projection.position_unknown'],
      ['minPosition beyond the log', `${ESTIMATE}?minPosition=999999999`, 422, 'projection.position_unknown'],
      ['an algorithm version this server lacks', `${ESTIMATE}?algorithmVersion=3`, 422, 'query.algorithm_version_unavailable'],
      ['includeUnverified with algorithm version 1', `${ESTIMATE}?algorithmVersion=1&includeUnverified=false`, 422, 'query.filter_unavailable'],
      ['includeUnverified not a boolean', `${ESTIMATE}?includeUnverified=yes`, 400, 'request.invalid'],
      ['excludeParties not a boolean', `${ESTIMATE}?excludeParties=maybe`, 400, 'request.invalid'],
      ['an unknown parameter', `${ESTIMATE}?as_of=1`, 400, 'request.invalid'],
      ['a limit too large', `/v1/metrics?limit=100000`, 400, 'request.invalid'],
      ['a forged cursor', `/v1/metrics?cursor=bm90LWEtY3Vyc29y`, 422, 'query.cursor_invalid'],
      ['an unknown metric', '/v1/metrics/no_such_metric/estimate', 404, 'metric.not_found'],
      ['a metric not registered yet at asOf', `${ESTIMATE}?asOf=0`, 404, 'metric.not_found'],
      ['a malformed figure id', '/v1/figures/not-a-uuid/history', 400, 'request.invalid'],
      ['an unknown figure', '/v1/figures/00000000-0000-4000-8000-000000000000/history', 404, 'figure.not_found'],
      ['an unknown source', '/v1/sources/nobody/figures', 404, 'source.not_found'],
      ['an unknown report', '/v1/reports/no-such-report', 404, 'report.not_found'],
      // Bounds PostgreSQL enforces must be checked first, or they surface as 500s.
      ['minPosition above the bigint range', `${ESTIMATE}?minPosition=9223372036854775808`, 400, 'request.invalid', 'minPosition'],
      ['minPosition of 19 nines', `${ESTIMATE}?minPosition=9999999999999999999`, 400, 'request.invalid', 'minPosition'],
      ['asOf position above the bigint range', `${ESTIMATE}?asOf=9223372036854775808`, 400, 'request.invalid', 'asOf'],
      ['asOf in year 0', `${ESTIMATE}?asOf=0000-01-01T00:00:00Z`, 400, 'request.invalid', 'asOf'],
      ['asOf in year 0 on a list', `/v1/metrics?asOf=0000-01-01T00:00:00Z`, 400, 'request.invalid', 'asOf'],
      ['asOf before year 1 once in UTC', `/v1/metrics?asOf=${encodeURIComponent('0001-01-01T00:00:00+01:00')}`, 400, 'request.invalid', 'asOf'],
      // Date.parse would roll these over to another day.
      ['asOf on 29 February of a common year', `${ESTIMATE}?asOf=2023-02-29T00:00:00Z`, 400, 'request.invalid', 'asOf'],
      ['asOf at hour 24', `${ESTIMATE}?asOf=2024-10-28T24:00:00Z`, 400, 'request.invalid', 'asOf'],
      // Page cursors: each key must have the shape of its list's key.
      [
        'a cursor with a malformed figure id',
        `/v1/metrics/${METRIC.key}/figures?cursor=${forged(['a', 'not-a-uuid'])}`,
        422,
        'query.cursor_invalid',
        'cursor',
      ],
      ['a cursor with a NUL key', `/v1/metrics?cursor=${forged(['\u0000'])}`, 422, 'query.cursor_invalid', 'cursor'],
      ['a report cursor on the metric list', `/v1/metrics?cursor=${forged(['12'])}`, 422, 'query.cursor_invalid', 'cursor'],
      [
        'a cursor with a NUL source key',
        `/v1/sources/${SOURCES.mivd.sourceId}/figures?cursor=${forged(['\u0000', UUID])}`,
        422,
        'query.cursor_invalid',
        'cursor',
      ],
      ['a metric cursor on a report', `/v1/reports/${REPORTS.wire.reportId}?cursor=${forged(['not_a_seq'])}`, 422, 'query.cursor_invalid', 'cursor'],
      [
        'a report cursor beyond bigint',
        `/v1/reports/${REPORTS.wire.reportId}?cursor=${forged(['9223372036854775808'])}`,
        422,
        'query.cursor_invalid',
        'cursor',
      ],
      [
        'a cursor whose position is beyond bigint',
        `/v1/metrics?cursor=${forged(['a_metric'], '9223372036854775808')}`,
        422,
        'query.cursor_invalid',
        'cursor',
      ],
      [
        'a cursor on a date that does not exist',
        `/v1/metrics?cursor=${forged(['a_metric'], '1', '2023-02-29')}`,
        422,
        'query.cursor_invalid',
        'cursor',
      ],
    ])('%s: GET %s → %i', async (_what, url, status, code, ...named: string[]) => {
      const field = named[0]; // a rest parameter: jest would take a fifth one for `done`
      const response = await api.request('GET', url);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body.code).toBe(code);
      if (field)
        expect(response.body.errors).toEqual([expect.objectContaining({ field, message: expect.stringContaining(field === 'cursor' ? '' : field) })]);
    });

    it('names what is wrong with an impossible time', async () => {
      const response = await api.request('GET', `${ESTIMATE}?asOf=2023-02-29T00:00:00Z`);
      expect(response.body.errors).toEqual([{ field: 'asOf', message: 'asOf is not a real date: 2023-02-29 does not exist' }]);
    });
  });
});
