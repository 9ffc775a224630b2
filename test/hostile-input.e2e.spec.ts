import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { MAX_AMOUNT } from '@factledger/shared';
import { startApi, type ApiHarness } from './support/api-harness';
import { METRIC, REPORTS, registerCatalog, upTo1500 } from './support/scenario';

const PROBLEM = 'application/problem+json';

type Row = [
  label: string,
  method: string,
  url: string,
  body: string | Buffer | object | undefined,
  status: number,
  code: string,
  field?: string,
  message?: RegExp,
];

const utf8Json = (before: string, bytes: number[], after: string) => Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
const metricWithLabel = (label: string) => ({ key: `m_${randomUUID().slice(0, 8)}`, label, unit: 'troops' });
const figureWith = (amount: object) => ({ ...upTo1500, amount });

describe('hostile input is refused with problem+json and leaves the ledger untouched (HTTP, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let figureId: string;
  beforeAll(async () => {
    api = await startApi();
    await registerCatalog(api);
    figureId = (await api.request('POST', '/v1/figures', upTo1500)).body.id;
  });
  afterAll(() => api.close());

  const head = async () =>
    (await sql<{ head: string }>`SELECT coalesce(max(position), 0)::text AS head FROM events`.execute(api.db.db)).rows[0]!.head;

  const send = async (method: string, url: string, body: Row[3], headers: Record<string, string> = {}) => {
    if (body === undefined || (typeof body === 'object' && !Buffer.isBuffer(body))) return api.request(method, url, body, headers);
    const response = await api.app.inject({
      method: method as never,
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.key.token}`, ...headers },
      payload: body,
    });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
  };

  const rows: Row[] = [
    // Invalid UTF-8 in a body: refused, never replaced with U+FFFD.
    [
      'C3 28 (a lead byte without its continuation) in a metric label',
      'POST',
      '/v1/metrics',
      utf8Json('{"key":"bad_utf8","label":"a', [0xc3, 0x28], '","unit":"troops"}'),
      400,
      'request.malformed',
      undefined,
      /UTF-8/,
    ],
    [
      'a lone continuation byte 80 in a source name',
      'POST',
      '/v1/sources',
      utf8Json('{"sourceId":"x-utf8","kind":"media","name":"a', [0x80], '"}'),
      400,
      'request.malformed',
      undefined,
      /UTF-8/,
    ],
    [
      'an overlong encoding C0 AF of "/"',
      'POST',
      '/v1/metrics',
      utf8Json('{"key":"bad_utf8","label":"', [0xc0, 0xaf], '","unit":"troops"}'),
      400,
      'request.malformed',
      undefined,
      /UTF-8/,
    ],
    [
      'an encoded surrogate ED A0 80',
      'POST',
      '/v1/figures',
      utf8Json(`{"quote":"`, [0xed, 0xa0, 0x80], '"}'),
      400,
      'request.malformed',
      undefined,
      /UTF-8/,
    ],
    // Control characters in one-line text (names, labels, keys, ids, aliases), C0, DEL and C1.
    ['BEL (C0) in a metric label', 'POST', '/v1/metrics', metricWithLabel('NK troops\u0007'), 400, 'request.invalid', 'label', /U\+0007/],
    ['NEL (C1 U+0085) in a metric label', 'POST', '/v1/metrics', metricWithLabel('NK\u0085troops'), 400, 'request.invalid', 'label', /U\+0085/],
    ['a line feed in a metric label', 'POST', '/v1/metrics', metricWithLabel('NK\ntroops'), 400, 'request.invalid', 'label', /U\+000A/],
    ['DEL in a source name', 'POST', '/v1/sources', { sourceId: 'x-del', name: 'Agency\u007f', kind: 'media' }, 400, 'request.invalid', 'name'],
    [
      'CSI (C1 U+009B) in a source alias',
      'POST',
      '/v1/sources',
      { sourceId: 'x-csi', name: 'Agency', kind: 'media', aliases: ['ok', '\u009b31m'] },
      400,
      'request.invalid',
      'aliases',
    ],
    ['ESC in a report title', 'POST', '/v1/reports', { ...REPORTS.oct25, reportId: 'r-esc', title: 'T\u001b[2J' }, 400, 'request.invalid', 'title'],
    ['a tab in a metric alias (PATCH)', 'PATCH', `/v1/metrics/${METRIC.key}`, { aliases: ['NK\ttroops'] }, 400, 'request.invalid', 'aliases'],
    [
      'a C1 character in a quote (free text keeps only tab and line breaks)',
      'POST',
      '/v1/figures',
      { ...upTo1500, citation: { ...upTo1500.citation, quote: 'as many as\u00931,500' } },
      400,
      'request.invalid',
      'citation.quote',
    ],
    [
      'a vertical tab in a retraction reason',
      'POST',
      `/v1/figures/{figure}/retractions`,
      { reason: 'wrong\u000bsource' },
      400,
      'request.invalid',
      'reason',
    ],
    ['a control character in a stream id', 'GET', '/v1/streams/figure-%07x/events', undefined, 400, 'request.invalid', 'id'],
    [
      'BEL in an ingestion report title',
      'POST',
      '/v1/ingestions',
      { kind: 'article', report: { publisher: 'P', title: 'T\u0007', publishedAt: '2024-10-28', language: 'en' }, text: 'Up to 1,500 troops.' },
      400,
      'request.invalid',
      'report.title',
    ],
    [
      'a control character in a metric key',
      'POST',
      '/v1/metrics',
      { key: 'nk\u0001troops', label: 'x', unit: 'troops' },
      400,
      'request.invalid',
      'key',
    ],
    // Empty (or not decimal) numeric query values: named, never read as 0.
    ['?limit= on the metric list', 'GET', '/v1/metrics?limit=', undefined, 400, 'request.invalid', 'limit', /limit is empty/],
    ['?from=&to= on a consistency proof', 'GET', '/v1/proofs/consistency?from=&to=', undefined, 400, 'request.invalid', 'from', /from is empty/],
    ['?leaf= on an inclusion proof', 'GET', '/v1/proofs/inclusion?leaf=', undefined, 400, 'request.invalid', 'leaf', /leaf is empty/],
    ['?limit= on the event log', 'GET', '/v1/events?limit=', undefined, 400, 'request.invalid', 'limit', /empty/],
    ['?afterVersion= on a stream', 'GET', '/v1/streams/figure-x/events?afterVersion=', undefined, 400, 'request.invalid', 'afterVersion', /empty/],
    [
      '?algorithmVersion= on an estimate',
      'GET',
      `/v1/metrics/${METRIC.key}/estimate?algorithmVersion=`,
      undefined,
      400,
      'request.invalid',
      'algorithmVersion',
      /empty/,
    ],
    ["?limit= on a metric's figures", 'GET', `/v1/metrics/${METRIC.key}/figures?limit=`, undefined, 400, 'request.invalid', 'limit', /empty/],
    ['?offset= on the ingestion list', 'GET', '/v1/ingestions?offset=', undefined, 400, 'request.invalid', 'offset', /empty/],
    [
      '?minPosition= on an estimate',
      'GET',
      `/v1/metrics/${METRIC.key}/estimate?minPosition=`,
      undefined,
      400,
      'request.invalid',
      'minPosition',
      /minPosition/,
    ],
    ['?asOf= on the metric list', 'GET', '/v1/metrics?asOf=', undefined, 400, 'request.invalid', 'asOf', /asOf/],
    [
      '?position= and ?limit= on read-model rows',
      'GET',
      '/v1/read-models/figures/rows?table=figure_versions&position=&limit=',
      undefined,
      400,
      'request.invalid',
      'position',
    ],
    ['?limit=%20 (a blank)', 'GET', '/v1/metrics?limit=%20', undefined, 400, 'request.invalid', 'limit', /integer/],
    ['?limit=1e2 (not a decimal integer)', 'GET', '/v1/metrics?limit=1e2', undefined, 400, 'request.invalid', 'limit', /integer/],
    ['?limit=0x10 (hexadecimal)', 'GET', '/v1/events?limit=0x10', undefined, 400, 'request.invalid', 'limit', /integer/],
    ['?limit=5&limit=6 (given twice)', 'GET', '/v1/metrics?limit=5&limit=6', undefined, 400, 'request.invalid', 'limit', /once/],
    // Amounts: finite and |amount| ≤ MAX_AMOUNT at the write edge.
    [
      'an exact amount of 1e16',
      'POST',
      '/v1/figures',
      figureWith({ qualifier: 'exact', value: 1e16 }),
      400,
      'request.invalid',
      'amount.value',
      /1000000000000000/,
    ],
    [
      'a range of 1e308–1.6e308',
      'POST',
      '/v1/figures',
      figureWith({ qualifier: 'range', low: 1e308, high: 1.6e308 }),
      400,
      'request.invalid',
      'amount.low',
    ],
    ['a low bound of -1e16', 'POST', '/v1/figures', figureWith({ qualifier: 'at_least', low: -1e16 }), 400, 'request.invalid', 'amount.low'],
    [
      'an amount just above the bound in a revision',
      'POST',
      `/v1/figures/{figure}/revisions`,
      { amount: { qualifier: 'exact', value: MAX_AMOUNT + 1 }, citation: upTo1500.citation, reason: 'r' },
      400,
      'request.invalid',
      'amount.value',
    ],
    [
      'an amount written as 1e999 (Infinity once parsed)',
      'POST',
      '/v1/figures',
      `{"metricKey":"${METRIC.key}","amount":{"qualifier":"exact","value":1e999}}`,
      400,
      'request.invalid',
      'amount.value',
    ],
    // Malformed (400) vs refused by a rule (422).
    ['a tree size that is not an integer', 'GET', '/v1/checkpoints/abc', undefined, 400, 'request.invalid', 'size'],
    ['a proof for an event that is neither uuid nor position', 'GET', '/v1/proofs/inclusion?event=abc', undefined, 400, 'request.invalid', 'event'],
    ['a proof with both event and leaf', 'GET', '/v1/proofs/inclusion?event=1&leaf=1', undefined, 400, 'proof.invalid_query'],
    [
      'an ingestion envelope of the wrong shape',
      'POST',
      '/v1/ingestions',
      { kind: 'structured', report: { publisher: 7 }, figures: 'none' },
      400,
      'request.invalid',
      'figures',
    ],
    [
      'an ingestion whose only figure a rule refuses',
      'POST',
      '/v1/ingestions',
      {
        kind: 'structured',
        report: { publisher: 'P', title: 'T', publishedAt: '2024-10-28', language: 'en' },
        figures: [{ metricKey: METRIC.key, source: 'X', qualifier: 'exact', value: 1, validAt: '2999-01-01', quote: 'q' }],
      },
      422,
      'ingestion.invalid_payload',
    ],
    ["a figure whose unit is not its metric's (a rule)", 'POST', '/v1/figures', { ...upTo1500, unit: 'people' }, 422, 'figure.unit_mismatch'],
    // Framework-level refusals through the router and parsers.
    ['JSON that does not parse', 'POST', '/v1/metrics', '{"key": ', 400, 'request.malformed'],
    ['an unsupported media type', 'POST', '/v1/metrics', undefined, 415, 'request.unsupported_media_type'],
    ['a path parameter over 100 characters', 'GET', `/v1/metrics/${'a'.repeat(150)}`, undefined, 414, 'request.path_parameter_too_long'],
  ];

  // One [label, row] pair per case: jest would take a short row's missing arguments for a done callback.
  it.each(rows.map((row) => [row[0], row] as const))(
    '%s: refused, nothing appended',
    async (_label, [, method, rawUrl, body, status, code, field, message]) => {
      const url = rawUrl.replace('{figure}', figureId);
      const before = await head();
      const response =
        rawUrl.includes('/v1/metrics') && status === 415
          ? await send(method, url, '<metric/>', { 'content-type': 'application/xml' })
          : await send(method, url, typeof body === 'string' ? Buffer.from(body) : body);
      expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
      expect(String(response.headers['content-type'])).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status, type: expect.stringContaining(code.replace(/\./g, '/')), title: expect.any(String) });
      if (field)
        expect(response.body.errors ?? [{ field: response.body.field }]).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}`)) })]),
        );
      if (message) expect(JSON.stringify(response.body)).toMatch(message);
      expect(await head()).toBe(before);
    },
  );

  it.each([['text/csv'], ['text/csv; charset=utf-8'], ['text/plain']])(
    'refuses invalid UTF-8 in a %s ingestion body (400 problem+json), nothing appended',
    async (contentType) => {
      const before = await head();
      const csv = utf8Json(
        'metric_key,source,qualifier,value,valid_at,quote\nnorth_korean_troops_in_russia,HUR',
        [0xc3, 0x28],
        ',exact,1,2024-10-27,"one"',
      );
      const query = new URLSearchParams({ publisher: 'P', title: 'T', publishedAt: '2024-10-28', language: 'en' });
      const response = await api.app.inject({
        method: 'POST',
        url: `/v1/ingestions?${query}`,
        headers: { 'content-type': contentType },
        payload: csv,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(JSON.parse(response.body)).toMatchObject({ status: 400, code: 'request.malformed', detail: expect.stringContaining('UTF-8') });
      expect(await head()).toBe(before);
    },
  );

  it('stores nothing with U+FFFD: the label with C3 28 never reached the ledger', async () => {
    const { rows: found } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM events WHERE data::text LIKE ${'%\ufffd%'}`.execute(api.db.db);
    expect(found[0]!.n).toBe('0');
  });

  it('keeps tabs and line breaks in free text, and accepts amounts at the bound', async () => {
    const quote = await api.request('POST', '/v1/figures', {
      ...upTo1500,
      amount: { qualifier: 'range', low: 0, high: MAX_AMOUNT },
      citation: { ...upTo1500.citation, quote: 'as many as\n1,500\tsoldiers\r\n' },
    });
    expect(quote.status).toBe(201);
    expect(quote.body.data.current).toMatchObject({
      amount: { qualifier: 'range', low: 0, high: MAX_AMOUNT },
      citation: { quote: 'as many as\n1,500\tsoldiers\r\n' },
    });
    const described = await api.request('PATCH', `/v1/metrics/${METRIC.key}`, { description: 'line one\nline two\twith a tab' });
    expect(described.status).toBe(200);
    expect(described.body.data.description).toBe('line one\nline two\twith a tab');
  });
});
