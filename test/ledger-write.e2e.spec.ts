import { bearer, createTestKey } from '@factledger/platform';
import { startApi, type ApiHarness } from './support/api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog, upTo1500 } from './support/scenario';

const PROBLEM = 'application/problem+json';

describe('ledger write API (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await registerCatalog(api);
  });
  afterAll(() => api.close());

  const reportFigure = async (body: unknown = upTo1500, headers?: Record<string, string>) => {
    const response = await api.request('POST', '/v1/figures', body, headers);
    expect(response.status).toBe(201);
    return response;
  };

  describe('the October 2024 scenario end to end', () => {
    it('records, revises, corroborates and reads back every figure with its provenance', async () => {
      // Dutch intelligence: up to 1,500 on 25 Oct; revised as an update to 3,000 on 28 Oct.
      // X-Actor is not a credential: it changes nothing.
      const reported = await reportFigure(upTo1500, { 'x-actor': 'analyst-1', 'x-request-id': 'req-1' });
      const figureId = reported.body.id;
      expect(reported.headers.location).toBe(`/v1/figures/${figureId}`);
      expect(reported.headers.etag).toBe('"1"');
      expect(reported.body).toMatchObject({ streamVersion: 1, changed: true, data: { status: 'active', unit: 'troops' } });
      expect(BigInt(reported.body.position)).toBeGreaterThan(0n);

      const revised = await api.request(
        'POST',
        `/v1/figures/${figureId}/revisions`,
        {
          amount: { qualifier: 'exact', value: 3000 },
          validAt: { date: '2024-10-28' },
          citation: { reportId: REPORTS.oct28.reportId, quote: 'now put the number of soldiers training in Russia at 3,000' },
          reason: 'later estimate from the same service',
        },
        { 'if-match': '"1"' },
      );
      expect(revised.status).toBe(201);
      expect(revised.body).toMatchObject({
        streamVersion: 2,
        data: { currentVersion: 2, current: { kind: 'update', amount: { qualifier: 'exact', value: 3000 } } },
      });
      expect(BigInt(revised.body.position)).toBeGreaterThan(BigInt(reported.body.position));

      // Ukrainian intelligence: about 12,000.
      const hur = await reportFigure({
        ...upTo1500,
        sourceId: SOURCES.hur.sourceId,
        amount: { qualifier: 'approximately', value: 12000 },
        validAt: { date: '2024-10-28' },
        citation: { reportId: REPORTS.oct28.reportId, quote: 'Kyiv puts the figure nearer 12,000' },
      });

      // A wire service repeats Kyiv's claim: a corroboration, not a new figure.
      const corroborated = await api.request('POST', `/v1/figures/${hur.body.id}/corroborations`, {
        citation: { reportId: REPORTS.wire.reportId, quote: 'around 12,000, according to Ukrainian intelligence' },
      });
      expect(corroborated.status).toBe(201);
      expect(corroborated.body).toMatchObject({ streamVersion: 2, changed: true });
      const again = await api.request('POST', `/v1/figures/${hur.body.id}/corroborations`, {
        citation: { reportId: REPORTS.wire.reportId, quote: 'around 12,000, according to Ukrainian intelligence' },
      });
      // A no-op still answers the stream's last position, so minPosition reads see the state it describes.
      expect(again.body).toMatchObject({ streamVersion: 2, changed: false, position: corroborated.body.position });
      const ownReport = await api.request('POST', `/v1/figures/${hur.body.id}/corroborations`, {
        citation: { reportId: REPORTS.oct28.reportId, quote: 'Kyiv puts the figure nearer 12,000' },
      });
      expect(ownReport.body).toMatchObject({ streamVersion: 2, changed: false, position: corroborated.body.position });

      const dutch = await api.request('GET', `/v1/figures/${figureId}`);
      expect(dutch.status).toBe(200);
      expect(dutch.headers.etag).toBe('"2"');
      expect(dutch.body.data.versions).toEqual([
        expect.objectContaining({
          version: 1,
          kind: 'reported',
          standing: 'superseded',
          amount: { qualifier: 'up_to', high: 1500 },
          validAt: { date: '2024-10-25', precision: 'day' },
          citation: expect.objectContaining({ reportId: REPORTS.oct25.reportId }),
        }),
        expect.objectContaining({ version: 2, kind: 'update', revises: 1, standing: 'current', reason: 'later estimate from the same service' }),
      ]);
      const kyiv = await api.request('GET', `/v1/figures/${hur.body.id}`);
      expect(kyiv.body.data.citedReportIds.sort()).toEqual([REPORTS.oct28.reportId, REPORTS.wire.reportId].sort());

      // Every event carries who, which request, the correlation and why.
      const { rows } = await api.db.pool.query(`SELECT metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`figure-${figureId}`]);
      expect(rows[0].metadata).toMatchObject({ actor: api.key.keyId, requestId: 'req-1', correlationId: 'req-1', reason: 'POST /v1/figures' });
      expect(rows[1].metadata).toMatchObject({ actor: api.key.keyId, reason: 'later estimate from the same service' });
      expect(rows[1].metadata.requestId).toEqual(expect.any(String));
    });
  });

  describe('retraction', () => {
    it('retracts once, then refuses revisions, corroborations and a second retraction', async () => {
      const { body } = await reportFigure({ ...upTo1500, validAt: { date: '2024-10-20' } });
      const retract = await api.request('POST', `/v1/figures/${body.id}/retractions`, { reason: 'the service withdrew the number' });
      expect(retract.status).toBe(201);
      expect(retract.body.data).toMatchObject({ status: 'retracted', retraction: { reason: 'the service withdrew the number' } });
      const before = await api.eventCount();
      for (const [path, payload, code] of [
        ['revisions', { amount: { qualifier: 'exact', value: 1 }, citation: upTo1500.citation, reason: 'x' }, 'figure.retracted'],
        ['corroborations', { citation: { reportId: REPORTS.wire.reportId, quote: 'q' } }, 'figure.retracted'],
        ['retractions', { reason: 'again' }, 'figure.already_retracted'],
      ] as const) {
        const response = await api.request('POST', `/v1/figures/${body.id}/${path}`, payload);
        expect(response.status).toBe(409);
        expect(response.body.code).toBe(code);
      }
      expect(await api.eventCount()).toBe(before);
    });
  });

  describe('optimistic concurrency', () => {
    const revision = (value: number) => ({ amount: { qualifier: 'exact', value }, citation: upTo1500.citation, reason: `to ${value}` });

    it('answers a stale If-Match with 412 and the current version', async () => {
      const { body } = await reportFigure();
      await api.request('POST', `/v1/figures/${body.id}/revisions`, revision(1400), { 'if-match': '"1"' });
      const stale = await api.request('POST', `/v1/figures/${body.id}/revisions`, revision(1300), { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toContain(PROBLEM);
      expect(stale.body).toMatchObject({ code: 'stream.version_conflict', currentVersion: 2, expectedVersion: 1 });
    });

    it('lets exactly one of concurrent revisions at the same version win', async () => {
      const { body } = await reportFigure();
      const responses = await Promise.all(
        [1100, 1200, 1300, 1400, 1600].map((v) => api.request('POST', `/v1/figures/${body.id}/revisions`, revision(v), { 'if-match': '"1"' })),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 412, 412, 412, 412]);
      const figure = await api.request('GET', `/v1/figures/${body.id}`);
      expect(figure.body.data.versions).toHaveLength(2);
    });

    it('refuses a malformed If-Match', async () => {
      const { body } = await reportFigure();
      const response = await api.request('POST', `/v1/figures/${body.id}/revisions`, revision(1), { 'if-match': 'yesterday' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first response to a retry and appends nothing', async () => {
      const first = await reportFigure(upTo1500, { 'idempotency-key': 'retry-1' });
      const before = await api.eventCount();
      const retry = await api.request('POST', '/v1/figures', upTo1500, { 'idempotency-key': 'retry-1' });
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.location).toBe(first.headers.location);
      expect(retry.body).toEqual(first.body);
      expect(await api.eventCount()).toBe(before);
    });

    it('treats the same body with keys in another order as the same request', async () => {
      await reportFigure(upTo1500, { 'idempotency-key': 'order-1' });
      const reordered = Object.fromEntries(Object.entries(upTo1500).reverse());
      const retry = await api.request('POST', '/v1/figures', reordered, { 'idempotency-key': 'order-1' });
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses the same key with a different body (422) and appends nothing', async () => {
      await reportFigure(upTo1500, { 'idempotency-key': 'reuse-1' });
      const before = await api.eventCount();
      const other = await api.request(
        'POST',
        '/v1/figures',
        { ...upTo1500, amount: { qualifier: 'up_to', high: 2000 } },
        { 'idempotency-key': 'reuse-1' },
      );
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency.key_reused');
      expect(await api.eventCount()).toBe(before);
    });

    it('lets a request that failed be retried with the same key', async () => {
      const bad = await api.request(
        'POST',
        '/v1/sources',
        { sourceId: 'later-source', name: 'Later', kind: 'media', country: 'nl' },
        { 'idempotency-key': 'fix-1' },
      );
      expect(bad.status).toBe(400);
      const fixed = await api.request(
        'POST',
        '/v1/sources',
        { sourceId: 'later-source', name: 'Later', kind: 'media', country: 'NL' },
        { 'idempotency-key': 'fix-1' },
      );
      expect(fixed.status).toBe(201);
    });

    it('keeps concurrent duplicates of one request to a single append', async () => {
      const before = await api.eventCount();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => api.request('POST', '/v1/figures', upTo1500, { 'idempotency-key': 'burst-1' })),
      );
      expect(responses.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency.in_progress'))).toBe(true);
      expect(await api.eventCount()).toBe(before + 1);
    });

    it('keys are per principal (the API key), whatever X-Actor says', async () => {
      const alice = await createTestKey(api.db.db, ['reporter']);
      const a = await reportFigure(upTo1500, { 'idempotency-key': 'shared-key', ...bearer(alice), 'x-actor': 'bob' });
      const again = await reportFigure(upTo1500, { 'idempotency-key': 'shared-key', ...bearer(alice), 'x-actor': 'carol' });
      const b = await reportFigure(upTo1500, { 'idempotency-key': 'shared-key' });
      expect(again.body.id).toBe(a.body.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  describe('catalog writes', () => {
    it('updates a metric with If-Match and refuses a unit change', async () => {
      const updated = await api.request(
        'PATCH',
        `/v1/metrics/${METRIC.key}`,
        { description: 'Troops deployed to Russia or Russian-held territory' },
        { 'if-match': '"1"' },
      );
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ streamVersion: 2, data: { description: 'Troops deployed to Russia or Russian-held territory' } });
      const unit = await api.request('PATCH', `/v1/metrics/${METRIC.key}`, { unit: 'people' });
      expect(unit.status).toBe(422);
      expect(unit.body.code).toBe('metric.unit_immutable');
    });

    it('stores a report text apart from the events, refuses a text that does not match, and redacts it', async () => {
      const created = await api.request('POST', '/v1/reports', {
        reportId: 'with-text',
        publisher: 'P',
        title: 'T',
        publishedAt: '2024-10-28',
        language: 'en',
        text: 'Some 3,000 soldiers.',
      });
      expect(created.status).toBe(201);
      expect(created.body.data.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await api.request('GET', '/v1/reports/with-text/text')).body.body).toBe('Some 3,000 soldiers.');
      expect((await api.request('PUT', '/v1/reports/with-text/text', { text: 'Some 30,000 soldiers.' })).body.code).toBe(
        'report.content_hash_mismatch',
      );
      expect((await api.request('DELETE', '/v1/reports/with-text/text')).body).toEqual({ reportId: 'with-text', redacted: true });
      expect((await api.request('GET', '/v1/reports/with-text/text')).status).toBe(404);
      expect((await api.request('PUT', '/v1/reports/with-text/text', { text: 'Some 3,000 soldiers.' })).status).toBe(200);
    });

    describe('a report with its text is written whole or not at all', () => {
      const report = (reportId: string, extra: Record<string, unknown> = {}) => ({
        reportId,
        publisher: 'P',
        title: 'T',
        publishedAt: '2024-10-28',
        language: 'en',
        ...extra,
      });
      const textRows = async (reportId: string) =>
        (await api.db.pool.query('SELECT content_hash, body FROM report_texts WHERE report_id = $1', [reportId])).rows;

      it('appends nothing when the text cannot be stored, and a retry then succeeds whole', async () => {
        await api.db.adminPool.query(`ALTER TABLE report_texts ADD CONSTRAINT test_refuse_boom CHECK (body NOT LIKE '%BOOM%')`); // as a migration would
        const before = await api.eventCount();
        try {
          const failed = await api.request('POST', '/v1/reports', report('text-store-fails', { text: 'BOOM: 3,000 soldiers.' }));
          expect(failed.status).toBe(500);
          expect(await api.eventCount()).toBe(before);
          expect((await api.request('GET', '/v1/reports/text-store-fails/text')).status).toBe(404);
        } finally {
          await api.db.adminPool.query('ALTER TABLE report_texts DROP CONSTRAINT test_refuse_boom');
        }
        const retried = await api.request('POST', '/v1/reports', report('text-store-fails', { text: 'BOOM: 3,000 soldiers.' }));
        expect(retried.status).toBe(201);
        expect(await api.eventCount()).toBe(before + 1);
        expect((await api.request('GET', '/v1/reports/text-store-fails/text')).body.body).toBe('BOOM: 3,000 soldiers.');
      });

      it("stores no text for a report the ledger refuses, and never replaces a registered report's text", async () => {
        const future = await api.request('POST', '/v1/reports', report('text-refused', { publishedAt: '2999-01-01', text: 'Later.' }));
        expect(future.status).toBe(422);
        expect(await textRows('text-refused')).toEqual([]);

        expect((await api.request('POST', '/v1/reports', report('text-kept', { text: 'The original.' }))).status).toBe(201);
        const again = await api.request('POST', '/v1/reports', report('text-kept', { text: 'A different text.' }));
        expect(again.status).toBe(409);
        expect(await textRows('text-kept')).toEqual([expect.objectContaining({ body: 'The original.' })]);
        expect((await api.request('GET', '/v1/reports/text-kept/text')).body.body).toBe('The original.');
      });

      it('serves a text only under the hash the report carries; a stray row of another hash is ignored and does not block the real one', async () => {
        await api.db.pool.query(`INSERT INTO report_texts (report_id, content_hash, body) VALUES ('text-stray', $1, 'stray')`, ['f'.repeat(64)]);
        expect((await api.request('GET', '/v1/reports/text-stray/text')).status).toBe(404);
        const created = await api.request('POST', '/v1/reports', report('text-stray', { text: 'The real one.' }));
        expect(created.status).toBe(201);
        expect((await api.request('GET', '/v1/reports/text-stray/text')).body).toMatchObject({
          body: 'The real one.',
          contentHash: created.body.data.contentHash,
        });
        expect(await textRows('text-stray')).toHaveLength(1);
      });

      it('answers an idempotent retry of a report with text as the first time', async () => {
        const first = await api.request('POST', '/v1/reports', report('text-idem', { text: 'Once.' }), { 'idempotency-key': 'text-idem-1' });
        expect(first.status).toBe(201);
        const retry = await api.request('POST', '/v1/reports', report('text-idem', { text: 'Once.' }), { 'idempotency-key': 'text-idem-1' });
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(first.body);
        expect(await textRows('text-idem')).toHaveLength(1);
      });
    });
  });

  describe('bad input: a clear 4xx problem+json, nothing appended', () => {
    const valid = upTo1500;
    const cases: [string, string, string, unknown, number, string, string?][] = [
      ['unknown field', 'POST', '/v1/figures', { ...valid, confidence: 1 }, 400, 'request.invalid', 'confidence'],
      ['missing amount', 'POST', '/v1/figures', { ...valid, amount: undefined }, 400, 'request.invalid', 'amount'],
      [
        'unknown field inside amount',
        'POST',
        '/v1/figures',
        { ...valid, amount: { qualifier: 'up_to', high: 1, max: 2 } },
        400,
        'request.invalid',
        'amount.max',
      ],
      ['bad qualifier', 'POST', '/v1/figures', { ...valid, amount: { qualifier: 'roughly', value: 1 } }, 400, 'request.invalid', 'amount.qualifier'],
      [
        'value given as text',
        'POST',
        '/v1/figures',
        { ...valid, amount: { qualifier: 'exact', value: '3000' } },
        400,
        'request.invalid',
        'amount.value',
      ],
      ['qualifier without its bound', 'POST', '/v1/figures', { ...valid, amount: { qualifier: 'up_to', low: 1 } }, 422, 'figure.amount_invalid'],
      ['low above high', 'POST', '/v1/figures', { ...valid, amount: { qualifier: 'range', low: 9, high: 3 } }, 422, 'figure.amount_invalid'],
      [
        'negative value for a count (troops)',
        'POST',
        '/v1/figures',
        { ...valid, amount: { qualifier: 'exact', value: -5 } },
        422,
        'figure.amount_negative',
        'amount.value',
      ],
      [
        'negative low bound for a count (troops)',
        'POST',
        '/v1/figures',
        { ...valid, amount: { qualifier: 'range', low: -5, high: 10 } },
        422,
        'figure.amount_negative',
        'amount.low',
      ],
      ['unit not the metric unit', 'POST', '/v1/figures', { ...valid, unit: 'people' }, 422, 'figure.unit_mismatch'],
      ['unknown metric', 'POST', '/v1/figures', { ...valid, metricKey: 'no_such_metric' }, 404, 'metric.not_found'],
      ['unknown source', 'POST', '/v1/figures', { ...valid, sourceId: 'nobody' }, 404, 'source.not_found'],
      ['unknown report', 'POST', '/v1/figures', { ...valid, citation: { ...valid.citation, reportId: 'nowhere' } }, 404, 'report.not_found'],
      ['impossible date', 'POST', '/v1/figures', { ...valid, validAt: { date: '2024-02-31' } }, 400, 'request.invalid', 'validAt.date'],
      ['date in the future', 'POST', '/v1/figures', { ...valid, validAt: { date: '2999-01-01' } }, 422, 'figure.valid_at_in_future'],
      [
        'month precision not on the 1st',
        'POST',
        '/v1/figures',
        { ...valid, validAt: { date: '2024-10-25', precision: 'month' } },
        422,
        'figure.valid_at_invalid',
      ],
      [
        'uppercase figure id',
        'POST',
        '/v1/figures',
        { ...valid, figureId: 'A0000000-0000-4000-8000-000000000000' },
        400,
        'request.invalid',
        'figureId',
      ],
      ['body is an array', 'POST', '/v1/figures', [valid], 400, 'request.invalid'],
      ['malformed JSON', 'POST', '/v1/figures', '{"metricKey":', 400, 'request.malformed'],
      ['empty quote', 'POST', '/v1/figures', { ...valid, citation: { ...valid.citation, quote: '' } }, 400, 'request.invalid', 'citation.quote'],
      [
        'revision of a missing figure',
        'POST',
        '/v1/figures/00000000-0000-4000-8000-000000000000/revisions',
        { amount: { qualifier: 'exact', value: 1 }, citation: valid.citation, reason: 'r' },
        404,
        'figure.not_found',
      ],
      [
        'revision without reason',
        'POST',
        '/v1/figures/00000000-0000-4000-8000-000000000000/revisions',
        { amount: { qualifier: 'exact', value: 1 }, citation: valid.citation },
        400,
        'request.invalid',
        'reason',
      ],
      ['missing figure', 'GET', '/v1/figures/00000000-0000-4000-8000-000000000000', undefined, 404, 'figure.not_found'],
      ['figure id that is not a uuid', 'GET', '/v1/figures/not-a-uuid', undefined, 400, 'request.invalid', 'id'],
      ['metric key with capitals', 'POST', '/v1/metrics', { key: 'Troops', label: 'x', unit: 'troops' }, 400, 'request.invalid', 'key'],
      ['metric registered twice', 'POST', '/v1/metrics', METRIC, 409, 'metric.already_registered'],
      ['source kind unknown', 'POST', '/v1/sources', { sourceId: 's-x', name: 'X', kind: 'oracle' }, 400, 'request.invalid', 'kind'],
      [
        'report date impossible',
        'POST',
        '/v1/reports',
        { reportId: 'r-x', publisher: 'P', title: 'T', publishedAt: '2024-13-01', language: 'en' },
        400,
        'request.invalid',
        'publishedAt',
      ],
      [
        'report url not http',
        'POST',
        '/v1/reports',
        { reportId: 'r-y', publisher: 'P', title: 'T', publishedAt: '2024-10-01', language: 'en', url: 'javascript:alert(1)' },
        400,
        'request.invalid',
        'url',
      ],
      [
        'report hash that is not the text hash',
        'POST',
        '/v1/reports',
        { reportId: 'r-z', publisher: 'P', title: 'T', publishedAt: '2024-10-01', language: 'en', text: 'a', contentHash: '0'.repeat(64) },
        422,
        'report.content_hash_mismatch',
      ],
      ['update of an unknown metric', 'PATCH', '/v1/metrics/no_such_metric', { label: 'x' }, 404, 'metric.not_found'],
      ['update that changes nothing', 'PATCH', `/v1/sources/${SOURCES.mivd.sourceId}`, { name: SOURCES.mivd.name }, 422, 'source.update_no_change'],
      [
        'idempotency key with spaces',
        'POST',
        '/v1/metrics',
        { key: 'k_idem', label: 'x', unit: 'troops', __headers: { 'idempotency-key': 'has space' } },
        400,
        'request.invalid',
        'Idempotency-Key',
      ],
      ['unknown route', 'POST', '/v1/nothing-here', {}, 404, 'route.not_found'],
      ['wrong media type', 'POST', '/v1/metrics', '<metric/>', 415, 'request.unsupported_media_type'],
      // Strings PostgreSQL's text/jsonb refuse (a lone UTF-16 surrogate, NUL), anywhere in the body, keys and unknown fields included.
      [
        'lone surrogate in a citation quote',
        'POST',
        '/v1/figures',
        { ...valid, citation: { ...valid.citation, quote: 'up to 1,500 \ud800' } },
        400,
        'request.invalid',
        'citation.quote',
      ],
      [
        'NUL in a citation quote',
        'POST',
        '/v1/figures',
        { ...valid, citation: { ...valid.citation, quote: 'up to\u00001,500' } },
        400,
        'request.invalid',
        'citation.quote',
      ],
      [
        'lone surrogate in a report title',
        'POST',
        '/v1/reports',
        { ...REPORTS.oct25, reportId: 'r-sur-title', title: '\udc00 title' },
        400,
        'request.invalid',
        'title',
      ],
      [
        'lone surrogate in a report url',
        'POST',
        '/v1/reports',
        { ...REPORTS.oct25, reportId: 'r-sur-url', url: 'https://example.org/\ud800' },
        400,
        'request.invalid',
        'url',
      ],
      [
        'lone surrogate in a source name',
        'POST',
        '/v1/sources',
        { sourceId: 's-sur', name: 'HUR \ud800', kind: 'intelligence' },
        400,
        'request.invalid',
        'name',
      ],
      ['lone surrogate in a metric label', 'PATCH', `/v1/metrics/${METRIC.key}`, { label: 'troops \ud83d' }, 400, 'request.invalid', 'label'],
      [
        'lone surrogate in a retraction reason',
        'POST',
        '/v1/figures/00000000-0000-4000-8000-000000000000/retractions',
        { reason: 'withdrawn \ud800' },
        400,
        'request.invalid',
        'reason',
      ],
      [
        'lone surrogate in an unknown field',
        'POST',
        '/v1/figures',
        { ...valid, note: { deeper: ['\ud800'] } },
        400,
        'request.invalid',
        'note.deeper[0]',
      ],
      ['lone surrogate in a field name', 'POST', '/v1/figures', { ...valid, 'bad\ud800key': 1 }, 400, 'request.invalid', 'bad\ufffdkey'],
      [
        'NUL in a report text',
        'POST',
        '/v1/reports',
        { ...REPORTS.oct25, reportId: 'r-nul-text', text: 'Some\u00003,000 soldiers.' },
        400,
        'request.invalid',
        'text',
      ],
      ['NUL in a stored text', 'PUT', `/v1/reports/${REPORTS.oct25.reportId}/text`, { text: 'a\u0000b' }, 400, 'request.invalid', 'text'],
      ['NUL in a path parameter', 'PATCH', '/v1/metrics/a%00b', { label: 'x' }, 400, 'request.invalid', 'key'],
      // Nesting far below the body limit that would overflow recursive validators: malformed, like unparsable JSON.
      [
        'arrays nested 2,000 deep in an unknown field',
        'POST',
        '/v1/metrics',
        `{"key":"k_deep","label":"x","unit":"troops","junk":${'['.repeat(2000)}${']'.repeat(2000)}}`,
        400,
        'request.malformed',
      ],
      ['objects nested 2,000 deep', 'POST', '/v1/figures', `{"amount":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`, 400, 'request.malformed'],
      // Errors Fastify's router answers itself.
      [
        'path parameter over 100 characters (PATCH)',
        'PATCH',
        `/v1/metrics/${'a'.repeat(200)}`,
        { label: 'x' },
        414,
        'request.path_parameter_too_long',
      ],
      ['path parameter over 100 characters (POST)', 'POST', `/v1/figures/${'a'.repeat(200)}/revisions`, {}, 414, 'request.path_parameter_too_long'],
      ['path parameter over 100 characters (GET)', 'GET', `/v1/figures/${'a'.repeat(200)}`, undefined, 414, 'request.path_parameter_too_long'],
      ['URL that does not decode', 'GET', '/v1/figures/%E0%A4%A', undefined, 400, 'request.malformed'],
      ['unsupported method on a route', 'DELETE', '/v1/metrics', undefined, 405, 'route.method_not_allowed'],
      ['empty JSON body', 'POST', '/v1/metrics', '', 400, 'request.malformed'],
    ];

    // Pad rows to the full arity: jest would take a missing last argument for a done callback.
    const rows = cases.map((c) => [...c, ...Array(7 - c.length).fill(undefined)] as typeof c);
    it.each(rows)('%s → %s %s', async (_label, method, url, body, status, code, field) => {
      const before = await api.eventCount();
      let headers: Record<string, string> = {};
      let payload = body;
      if (body && typeof body === 'object' && '__headers' in body) {
        const { __headers, ...rest } = body as { __headers: Record<string, string> };
        headers = __headers;
        payload = rest;
      }
      if (code === 'request.unsupported_media_type') headers = { 'content-type': 'application/xml' };
      const response = await api.request(method, url, payload, headers);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
      expect(response.body).toMatchObject({
        status,
        code,
        type: expect.stringContaining('/problems/'),
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await api.eventCount()).toBe(before);
    });

    it('refuses a body over the size limit with 413', async () => {
      const before = await api.eventCount();
      const response = await api.request('POST', '/v1/reports', {
        ...REPORTS.oct25,
        reportId: 'huge',
        text: 'x'.repeat(api.config.bodyLimitBytes + 10),
      });
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body.code).toBe('request.too_large');
      expect(await api.eventCount()).toBe(before);
    });
  });

  it('serves the OpenAPI document generated from the DTOs and the docs page', async () => {
    const spec = await api.request('GET', '/docs/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/figures',
        '/v1/figures/{id}/revisions',
        '/v1/figures/{id}/corroborations',
        '/v1/figures/{id}/retractions',
        '/v1/metrics',
        '/v1/sources',
        '/v1/reports',
      ]),
    );
    expect(spec.body.paths['/v1/figures'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['metricKey', 'sourceId', 'amount', 'validAt', 'citation']),
    );
    const page = await api.request('GET', '/docs');
    expect(page.status).toBe(200);
  });
});
