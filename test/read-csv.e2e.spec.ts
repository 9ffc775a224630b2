import { text as drained } from 'node:stream/consumers';
import { metricFiguresCsv } from '../libs/projections/src/read-models/http/csv/read-csv';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, figureBody, registerCatalog } from './support/scenario';

const FIGURES = `/v1/metrics/${METRIC.key}/figures`;
const ESTIMATE = `/v1/metrics/${METRIC.key}/estimate`;
const DAY = '2024-10-31';
/** A unit that may be negative (troops may not). */
const CHANGE = { key: 'north_korean_troop_change', label: 'Change in North Korean troops', unit: 'net change' };
const CHANGE_FIGURES = `/v1/metrics/${CHANGE.key}/figures`;
const FIGURE_HEADER =
  'figure_id,metric_key,source_id,unit,version,kind,qualifier,value,low,high,normalised_point,normalised_low,normalised_high,valid_at,valid_at_precision,valid_until,stated_at,method,scope_note,report_id,quote,quote_offset,recorded_position,recorded_at,recorded_by';
const ESTIMATE_HEADER =
  'source_id,figure_id,version,party_to_conflict,verified,qualifier,value,low,high,point,point_low,point_high,valid_at,valid_at_precision,report_id,quote,quote_offset,recorded_position,recorded_at';

/** Texts a spreadsheet would misread, and texts RFC 4180 must quote. */
const TRICKY = {
  quoting: 'He said "about 10,000", then\nrepeated it: 約一万, ü',
  formula: '=HYPERLINK("http://evil.example","click")',
  plus: '+1 more, unconfirmed',
  at: '@SUM(A1:A9)',
  minus: '-5 (a net change)',
  tab: '\tindented note',
  cr: '\rcarriage return first',
};

/**
 * The spreadsheet exports (text/csv) of the figure list and of the estimate's
 * sources, over HTTP: bytes, quoting, the CSV-injection guard, the basis
 * headers, and the same bytes again from the same basis.
 */
describe('CSV exports of the read API (real PostgreSQL, projector running)', () => {
  let api: ReadApiHarness;
  let last = '0';

  const write = async (path: string, body: unknown) => {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    last = response.body.position;
    return response.body;
  };
  const csv = async (url: string, headers: Record<string, string> = {}) => {
    const response = await api.request('GET', url, undefined, headers);
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    return { text: response.body as string, headers: response.headers };
  };
  const rows = (text: string) => text.split('\r\n');

  beforeAll(async () => {
    // The exports budget is not under test here (see the last describe).
    api = await startReadApi({ readWaitTimeoutMs: 5000, rateLimitTails: 1000 });
    await registerCatalog(api as unknown as ApiHarness);
    await write(
      '/v1/figures',
      figureBody(SOURCES.usIntel.sourceId, { qualifier: 'approximately', value: 10000 }, '2024-10-30', REPORTS.wire.reportId, TRICKY.quoting),
    );
    await write('/v1/figures', {
      ...figureBody(SOURCES.mivd.sourceId, { qualifier: 'range', low: 1000, high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, TRICKY.formula),
      scopeNote: TRICKY.plus,
    });
    await write('/v1/metrics', CHANGE);
    await write('/v1/figures', {
      ...figureBody(SOURCES.hur.sourceId, { qualifier: 'exact', value: -5 }, '2024-10-28', REPORTS.oct28.reportId, TRICKY.minus),
      metricKey: CHANGE.key,
      scopeNote: TRICKY.at,
    });
    await write('/v1/figures', {
      ...figureBody(SOURCES.usIntel.sourceId, { qualifier: 'at_least', low: 9000 }, '2024-10-29', REPORTS.oct28.reportId, TRICKY.tab),
      scopeNote: 'a plain note',
    });
    // Quotes are kept exactly as cited (a scope note is trimmed), so the leading CR rides in one.
    await write('/v1/figures', {
      ...figureBody(SOURCES.mivd.sourceId, { qualifier: 'exact', value: 40 }, '2024-10-27', REPORTS.oct25.reportId, TRICKY.cr),
      metricKey: CHANGE.key,
    });
    await api.settled(last);
  });
  afterAll(() => api?.close());

  it('answers the figure list as CSV: a header row of stable names, CRLF lines, one row per figure held at the basis', async () => {
    const { text } = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    const json = (await api.request('GET', `${FIGURES}?validAt=${DAY}`)).body;
    expect(rows(text)[0]).toBe(FIGURE_HEADER);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const figure of json.data) expect(text).toContain(`${figure.figureId},${METRIC.key},${figure.sourceId},troops,1,reported,`);
    expect(text.match(/^[0-9a-f]{8}-/gm)).toHaveLength(json.data.length);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and keeps UTF-8', async () => {
    const { text } = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    expect(text).toContain('"He said ""about 10,000"", then\nrepeated it: 約一万, ü"');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toContain('約一万');
  });

  it('puts a single quote before text cells a spreadsheet would run as a formula, in the CSV only', async () => {
    const text = (await csv(`${FIGURES}?format=csv&validAt=${DAY}`)).text + (await csv(`${CHANGE_FIGURES}?format=csv&validAt=${DAY}`)).text;
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(`"'+1 more, unconfirmed"`);
    expect(text).toContain(`,'@SUM(A1:A9),`);
    expect(text).toContain(`,'-5 (a net change),`);
    expect(text).toContain(`,'\tindented note,`);
    expect(text).toContain(`"'\rcarriage return first"`);
    // The JSON keeps every text as it was written.
    const json = {
      data: [
        ...(await api.request('GET', `${FIGURES}?validAt=${DAY}`)).body.data,
        ...(await api.request('GET', `${CHANGE_FIGURES}?validAt=${DAY}`)).body.data,
      ],
    };
    expect(json.data.map((f: { citation: { quote: string } }) => f.citation.quote)).toEqual(
      expect.arrayContaining([TRICKY.formula, TRICKY.minus, TRICKY.tab, TRICKY.cr]),
    );
    expect(json.data.map((f: { scopeNote: string | null }) => f.scopeNote)).toEqual(expect.arrayContaining([TRICKY.plus, TRICKY.at]));
  });

  it('never alters a number: a negative amount stays a number', async () => {
    const { text } = await csv(`${CHANGE_FIGURES}?format=csv&validAt=${DAY}`);
    const hur = rows(text).find((r) => r.includes(`,${SOURCES.hur.sourceId},`))!;
    expect(hur).toContain(`,${CHANGE.key},${SOURCES.hur.sourceId},net change,1,reported,exact,-5,,,-5,-5,-5,2024-10-28,day,`);
  });

  it('carries the basis in headers: the JSON basis of the same question', async () => {
    const { headers } = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    const { basis } = (await api.request('GET', `${FIGURES}?validAt=${DAY}`)).body;
    expect(headers).toMatchObject({
      'basis-position': basis.position,
      'basis-recorded-at': basis.recordedAt,
      'basis-valid-at': DAY,
      'basis-algorithm-version': String(basis.algorithmVersion),
      'content-disposition': `attachment; filename="${METRIC.key}-figures-${basis.position}-${DAY}.csv"`,
    });
  });

  it('gives the same bytes again from the same basis, however the ledger moved on', async () => {
    const first = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    await write(
      '/v1/figures',
      figureBody(SOURCES.mivd.sourceId, { qualifier: 'approximately', value: 3000 }, '2024-10-29', REPORTS.oct28.reportId, 'now about 3,000'),
    );
    await api.settled(last);
    const head = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    expect(head.text).not.toBe(first.text);
    const again = await csv(`${FIGURES}?format=csv&asOf=${first.headers['basis-position']}&validAt=${DAY}`);
    expect(again.text).toBe(first.text);
    expect(again.headers['basis-position']).toBe(first.headers['basis-position']);
  });

  it('answers CSV to Accept: text/csv, JSON to format=json, and holds every figure whatever the limit', async () => {
    const byFormat = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    const byAccept = await csv(`${FIGURES}?validAt=${DAY}`, { accept: 'text/csv' });
    expect(byAccept.text).toBe(byFormat.text);
    expect((await csv(`${FIGURES}?format=csv&limit=1&validAt=${DAY}`)).text).toBe(byFormat.text);
    const json = await api.request('GET', `${FIGURES}?format=json&validAt=${DAY}`, undefined, { accept: 'text/csv' });
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.body.data.length).toBeGreaterThan(0);
  });

  it('streams every page of the list at the first page’s basis: pages of one figure make the same file', async () => {
    const { text, headers } = await csv(`${FIGURES}?format=csv&validAt=${DAY}`);
    const paged = await metricFiguresCsv(
      { db: api.db.db, waitTimeoutMs: 5000 },
      METRIC.key,
      { asOf: String(headers['basis-position']), validAt: DAY },
      1,
    );
    expect(await drained(paged.file.getStream())).toBe(text);
    expect(text.match(/^[0-9a-f]{8}-/gm)!.length).toBeGreaterThan(2);
  });

  it("answers the estimate's sources table as CSV, with the estimate's filters in the basis headers", async () => {
    const { data, basis } = (await api.request('GET', `${ESTIMATE}?validAt=${DAY}&includeUnverified=true`)).body;
    // The JSON is now cached: Accept: text/csv must still get the CSV, not the cached JSON.
    const { text, headers } = await csv(`${ESTIMATE}?validAt=${DAY}&includeUnverified=true`, { accept: 'text/csv' });
    expect(rows(text)[0]).toBe(ESTIMATE_HEADER);
    expect(rows(text).filter((r) => r !== '').length - 1).toBe(data.sources.length);
    for (const source of data.sources)
      expect(text).toContain(`${source.sourceId},${source.figureId},${source.version},${source.partyToConflict},${source.verified},`);
    expect(headers).toMatchObject({
      'basis-position': basis.position,
      'basis-valid-at': DAY,
      'basis-algorithm-version': '2',
      'basis-exclude-parties': 'false',
      'basis-include-unverified': 'true',
    });
  });

  it('refuses as problem+json, before any CSV: an unknown metric (404), a bad format (400)', async () => {
    const unknown = await api.request('GET', '/v1/metrics/no_such_metric/figures?format=csv');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.code).toBe('metric.not_found');
    const bad = await api.request('GET', `${ESTIMATE}?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });
});

describe('CSV export limits', () => {
  let api: ReadApiHarness;
  beforeAll(async () => {
    api = await startReadApi({ rateLimitTails: 2 });
    await api.settled((await api.request('POST', '/v1/metrics', METRIC)).body.position);
  });
  afterAll(() => api?.close());

  it('spends the exports budget on a streamed figure list (429 when spent), not on JSON pages or the estimate table', async () => {
    const figures = () => api.request('GET', `${FIGURES}?format=csv`);
    expect((await figures()).status).toBe(200);
    expect((await figures()).status).toBe(200);
    const spent = await figures();
    expect(spent.status).toBe(429);
    expect(spent.body).toMatchObject({ code: 'rate_limit.exceeded', budget: 'tails' });
    expect((await api.request('GET', FIGURES)).status).toBe(200);
    expect((await api.request('GET', `${ESTIMATE}?format=csv`)).status).toBe(200);
  });
});
