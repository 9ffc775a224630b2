import { sql } from 'kysely';
import { activeSchema, computedEstimate, metricEstimate, type ReadContext } from '@factledger/projections';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog } from './support/scenario';

const OTHER = { key: 'shells_fired_per_day', label: 'Artillery shells fired per day', unit: 'shells' };
/** Every combination the route accepts (version 1 refuses includeUnverified). */
const QUERIES = [
  'algorithmVersion=1',
  'algorithmVersion=1&excludeParties=true',
  '',
  'excludeParties=true',
  'includeUnverified=true',
  'excludeParties=true&includeUnverified=true',
];
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The figures projector's kept head estimates against the computed path,
 * over HTTP with the estimate cache off (every request reads the row), after
 * each kind of change: reports, revisions, retractions, a source's flags, a new day.
 */
/** The computed answer's JSON for a query string of the estimate route (its filters and algorithm version). */
async function computedJson(ctx: ReadContext, metricKey: string, query: string): Promise<string> {
  const params = new URLSearchParams(query);
  const filters = {
    excludeParties: params.has('excludeParties') || undefined,
    includeUnverified: params.has('includeUnverified') || undefined,
  };
  const request = params.has('algorithmVersion') ? { algorithmVersion: 1 } : {};
  return JSON.stringify(await computedEstimate(ctx, metricKey, request, filters));
}

describe('head-estimate rows (HTTP, real PostgreSQL, projector running)', () => {
  let api: ReadApiHarness;
  let ctx: ReadContext;
  const ids: Record<string, string> = {};
  let otherReported = '';

  const raw = (url: string) => api.app.inject({ method: 'GET', url });
  const write = async (method: string, path: string, body: unknown) => {
    const response = await api.request(method, path, body, { 'x-actor': 'editor-1' });
    if (response.status !== 201 && response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    await api.settled((response.body as { position: string }).position);
    return response.body as { id: string; position: string };
  };
  const report = (metricKey: string, sourceId: string, value: number, quote: string) =>
    write('POST', '/v1/figures', {
      metricKey,
      sourceId,
      amount: { qualifier: 'approximately', value },
      validAt: { date: '2024-10-28' },
      citation: { reportId: REPORTS.oct28.reportId, quote },
      method: 'estimate',
    });
  const rows = async (metricKey: string) => {
    const schema = await activeSchema(api.db.db, 'figures');
    const { rows } = await sql<{ xmin: string; seq: string; day: string }>`
      SELECT xmin::text, seq::text, to_char(valid_at, 'YYYY-MM-DD') AS day FROM ${sql.id(schema, 'head_estimates')}
       WHERE metric_key = ${metricKey} ORDER BY algorithm_version, exclude_parties, include_unverified`.execute(api.db.db);
    return rows;
  };
  /** Every combination of both metrics: the HTTP answer is the computed answer's JSON, byte for byte, and came from a row. */
  const expectRowsAnswerAsComputed = async () => {
    for (const metricKey of [METRIC.key, OTHER.key]) {
      expect((await rows(metricKey)).map((r) => r.day)).toEqual(QUERIES.map(today));
      for (const query of QUERIES) {
        const computed = await computedJson(ctx, metricKey, query);
        expect([metricKey, query, (await raw(`/v1/metrics/${metricKey}/estimate?${query}`)).body]).toEqual([metricKey, query, computed]);
      }
    }
  };

  beforeAll(async () => {
    api = await startReadApi({ estimateCache: 'off', headEstimateBudgetMs: 10_000 }); // every touched metric recomputed in its batch, even on a busy host
    ctx = { db: api.db.db, waitTimeoutMs: 5000 };
    await registerCatalog(api as unknown as ApiHarness);
    await write('POST', '/v1/metrics', OTHER);
    ids.mivd = (await report(METRIC.key, SOURCES.mivd.sourceId, 3000, 'now about 3,000')).id;
    ids.hur = (await report(METRIC.key, SOURCES.hur.sourceId, 12000, 'nearer 12,000')).id;
    otherReported = (await report(OTHER.key, SOURCES.usIntel.sourceId, 9000, 'some 9,000 a day')).position;
  });
  afterAll(() => api.close());

  it('answers as the computed path after figures were reported', async () => {
    await expectRowsAnswerAsComputed();
    expect(JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate`)).body).data).toMatchObject({ consensus: 7500, sourceCount: 2 });
    // The answer does come from the row (a tampered one here; the next test's revision rewrites it).
    const schema = await activeSchema(api.db.db, 'figures');
    await sql`UPDATE ${sql.id(schema, 'head_estimates')} SET data = replace(data, '"unit":"troops"', '"unit":"from the row"') WHERE metric_key = ${METRIC.key} AND algorithm_version = 2 AND NOT exclude_parties AND NOT include_unverified`.execute(
      api.db.db,
    );
    expect(JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate`)).body).data.unit).toBe('from the row');
    expect(JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate?excludeParties=false&minPosition=${otherReported}`)).body).data.unit).toBe(
      'from the row',
    );
    expect(JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate?algorithmVersion=1`)).body).data).toMatchObject({ sourceCount: 2 });
  });

  it('rewrites only the rows of the metric a revision touched', async () => {
    const before = await rows(OTHER.key);
    const revised = await write('POST', `/v1/figures/${ids.mivd}/revisions`, {
      amount: { qualifier: 'approximately', value: 5000 },
      citation: { reportId: REPORTS.wire.reportId, quote: 'about 5,000' },
      reason: 'new assessment',
    });
    expect(await rows(OTHER.key)).toEqual(before);
    expect((await rows(METRIC.key)).every((r) => r.seq !== before[0]!.seq)).toBe(true);
    await expectRowsAnswerAsComputed();
    const answer = JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate`)).body);
    expect(answer.data).toMatchObject({ consensus: 8500, low: 5000 });
    expect(answer.basis.position).toBe(revised.position);
  });

  it('answers a minPosition read from the row once the position is applied, as the computed path does', async () => {
    const other = JSON.parse((await raw(`/v1/metrics/${OTHER.key}/estimate`)).body);
    const head = JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate`)).body).basis.position;
    // An older position is covered by the head: the untouched metric's row answers at the head.
    const read = await metricEstimate(ctx, OTHER.key, { minPosition: otherReported });
    expect(JSON.stringify(read)).toBe(JSON.stringify(other));
    expect(read.basis.position).toBe(head);
    expect((await raw(`/v1/metrics/${OTHER.key}/estimate?minPosition=${head}`)).body).toBe(JSON.stringify(other));
  });

  it('answers as computed after a retraction', async () => {
    await write('POST', `/v1/figures/${ids.hur}/retractions`, { reason: 'withdrawn by the source' });
    await expectRowsAnswerAsComputed();
    expect(JSON.parse((await raw(`/v1/metrics/${METRIC.key}/estimate`)).body).data).toMatchObject({ sourceCount: 1 });
  });

  it('rewrites every metric a source has figures in when its flags change, and only those', async () => {
    await report(OTHER.key, SOURCES.mivd.sourceId, 8000, 'about 8,000 a day');
    const untouched = await rows(OTHER.key);
    await write('PATCH', `/v1/sources/${SOURCES.usIntel.sourceId}`, { needsReview: true });
    // us-intelligence reports only on OTHER.
    expect((await rows(OTHER.key)).every((r, i) => r.xmin !== untouched[i]!.xmin)).toBe(true);
    const metricRows = await rows(METRIC.key);
    await write('PATCH', `/v1/sources/${SOURCES.mivd.sourceId}`, { needsReview: true });
    expect((await rows(METRIC.key)).every((r, i) => r.xmin !== metricRows[i]!.xmin)).toBe(true);
    await expectRowsAnswerAsComputed();
    expect(JSON.parse((await raw(`/v1/metrics/${OTHER.key}/estimate`)).body).data).toMatchObject({ sourceCount: 0 });
    expect(JSON.parse((await raw(`/v1/metrics/${OTHER.key}/estimate?includeUnverified=true`)).body).data).toMatchObject({ sourceCount: 2 });
  });

  it("computes instead of reading yesterday's rows, and the first batch of a new day recomputes every metric", async () => {
    const schema = await activeSchema(api.db.db, 'figures');
    await sql`UPDATE ${sql.id(schema, 'head_estimates')} SET valid_at = valid_at - 1, data = '{"stale":true}'`.execute(api.db.db);
    await sql`UPDATE ${sql.id(schema, 'head_estimate_state')} SET valid_at = valid_at - 1`.execute(api.db.db);
    const computed = JSON.stringify(await computedEstimate(ctx, OTHER.key, {}));
    expect((await raw(`/v1/metrics/${OTHER.key}/estimate`)).body).toBe(computed);
    // A change to one metric: the projector's day has moved on, so every metric's rows are written for today.
    await write('POST', `/v1/figures/${ids.mivd}/revisions`, {
      amount: { qualifier: 'approximately', value: 6000 },
      citation: { reportId: REPORTS.wire.reportId, quote: 'about 6,000' },
      reason: 'newer assessment',
    });
    await expectRowsAnswerAsComputed();
  });
});

/**
 * HEAD_ESTIMATE_BUDGET_MS bounds the projector's work: with 1 ms a batch
 * that puts every metric in the backlog (the first batch of a day) computes
 * one or a few, the rest are answered by computing, and batches that touch
 * no metric work the backlog off; every answer is the computed one meanwhile.
 */
describe('head-estimate rows within a tiny budget (HTTP, real PostgreSQL, projector running)', () => {
  let api: ReadApiHarness;
  let ctx: ReadContext;
  const metricKeys = [METRIC.key, ...['a', 'b', 'c', 'd', 'e'].map((x) => `budget_metric_${x}`)];
  const write = async (method: string, path: string, body: unknown) => {
    const response = await api.request(method, path, body, { 'x-actor': 'editor-1' });
    if (response.status !== 201 && response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    await api.settled((response.body as { position: string }).position);
  };
  /** The metrics with rows and those in the backlog, in one snapshot (the projector's idle hook may work the backlog off meanwhile). */
  const state = async () => {
    const schema = await activeSchema(api.db.db, 'figures');
    const { rows } = await sql<{ kept: string[]; backlog: string[] }>`
      SELECT ARRAY(SELECT DISTINCT metric_key FROM ${sql.id(schema, 'head_estimates')} ORDER BY metric_key) AS kept,
             ARRAY(SELECT metric_key FROM ${sql.id(schema, 'head_estimate_backlog')} ORDER BY metric_key) AS backlog`.execute(api.db.db);
    return rows[0]!;
  };
  /** Each metric has rows exactly when it is out of the backlog, and answers every combination as computed. */
  const expectExact = async () => {
    const { kept, backlog } = await state();
    expect([...kept, ...backlog].sort()).toEqual([...metricKeys].sort());
    for (const metricKey of metricKeys) {
      for (const query of QUERIES) {
        const computed = await computedJson(ctx, metricKey, query);
        expect([metricKey, query, (await api.app.inject({ method: 'GET', url: `/v1/metrics/${metricKey}/estimate?${query}` })).body]).toEqual([
          metricKey,
          query,
          computed,
        ]);
      }
    }
  };
  /** A write that touches no metric (us-intelligence reports on none here): a batch with only the backlog to do. */
  let flag = false;
  const untouchingWrite = () => write('PATCH', `/v1/sources/${SOURCES.usIntel.sourceId}`, { needsReview: (flag = !flag) });

  beforeAll(async () => {
    api = await startReadApi({ estimateCache: 'off', headEstimateBudgetMs: 1 });
    ctx = { db: api.db.db, waitTimeoutMs: 5000 };
    await registerCatalog(api as unknown as ApiHarness);
    for (const key of metricKeys.slice(1)) await write('POST', '/v1/metrics', { key, label: key, unit: 'troops' });
    for (const [i, metricKey] of metricKeys.entries()) {
      for (const sourceId of [SOURCES.mivd.sourceId, SOURCES.hur.sourceId]) {
        await write('POST', '/v1/figures', {
          metricKey,
          sourceId,
          amount: { qualifier: 'approximately', value: 1000 * (i + 1) },
          validAt: { date: '2024-10-28' },
          citation: { reportId: REPORTS.oct28.reportId, quote: `some ${i + 1},000` },
          method: 'estimate',
        });
      }
    }
  });
  afterAll(() => api.close());

  it('leaves metrics to readers after a batch that invalidates them all, answers exactly, and later batches (or idle time) fill the backlog', async () => {
    const schema = await activeSchema(api.db.db, 'figures');
    await sql`UPDATE ${sql.id(schema, 'head_estimate_state')} SET valid_at = valid_at - 1`.execute(api.db.db);
    // A new day: the batch drops every row and fills the candidates of as many metrics as 1 ms allows (at least
    // one); the rest of the fill, then the rows, follow in later batches or the projector's idle time.
    await untouchingWrite();
    await expectExact();
    // At most one metric's candidates and one metric's rows per batch: two batches per metric, idle time aside.
    for (let i = 0; i < 2 * metricKeys.length + 1 && (await state()).backlog.length > 0; i++) await untouchingWrite();
    expect(await state()).toEqual({ kept: [...metricKeys].sort(), backlog: [] });
    await expectExact();
  });
});
