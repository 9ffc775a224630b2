import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { loadLedger } from '../../../../../bench/fixtures/million-events';
import { activeSchema, waitForPosition, type ProjectionEngine } from '../../engine';
import { digestSchema } from '../digest';
import { ESTIMATE_COMBINATIONS, filtersOf } from '../query/estimate-fold';
import { computedEstimate, estimateBasis, metricEstimate } from '../query/estimate.query';
import { keptHeadEstimate } from '../query/head-estimate.query';
import type { ReadContext } from '../query/read-snapshot';
import { startReadModelEngine } from '../testing/read-model-engine';

/** The figures model's kept head estimates on a generated ledger (reports, updates, corrections, corroborations, retractions), built by a catch-up. */
describe('head-estimate rows kept by the figures projector (PostgreSQL)', () => {
  let t: TestDatabase;
  let engine: ProjectionEngine;
  let ctx: ReadContext;
  let schema: string;
  const METRICS = 4;

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 6 });
    await loadLedger(t.adminPool, { events: 4000, metrics: METRICS, sources: 12, reports: 40, chunk: 100 });
    // Batches of 1,000 as a catch-up reads them: the ledger takes several before the short last one.
    engine = await startReadModelEngine(t, { batchSize: 1000 });
    const head = (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;
    await waitForPosition(t.db, ['figures'], head, 60_000);
    ctx = { db: t.db, waitTimeoutMs: 10_000 };
    schema = await activeSchema(t.db, 'figures');
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await t?.drop();
  });

  it('computes every metric once, when the catch-up has reached the head, not batch by batch on the way', async () => {
    const { rows: state } = await sql<{ seq: string; day: string }>`SELECT seq::text, to_char(valid_at, 'YYYY-MM-DD') AS day FROM ${sql.id(schema, 'head_estimate_state')}`.execute(t.db);
    const { rows: cursor } = await sql<{ seq: string }>`SELECT seq::text FROM ${sql.id(schema, 'cursor')}`.execute(t.db);
    expect(state).toEqual([{ seq: cursor[0]!.seq, day: new Date().toISOString().slice(0, 10) }]);
    // Every row from that one batch: none was written by an earlier (catch-up) batch.
    const { rows } = await sql<{ seq: string; n: number }>`SELECT seq::text, count(*)::int AS n FROM ${sql.id(schema, 'head_estimates')} GROUP BY seq`.execute(t.db);
    expect(rows).toEqual([{ seq: cursor[0]!.seq, n: METRICS * ESTIMATE_COMBINATIONS.length }]);
    expect(ESTIMATE_COMBINATIONS).toHaveLength(6);
  });

  it('holds, for every metric and combination the route accepts, exactly the computed answer (JSON byte for byte)', async () => {
    for (let m = 0; m < METRICS; m++) {
      for (const c of ESTIMATE_COMBINATIONS) {
        const filters = filtersOf(c);
        const request = { algorithmVersion: c.algorithmVersion };
        const kept = await keptHeadEstimate(ctx, `metric_${m}`, request, filters);
        expect(kept.answer).not.toBeNull();
        const computed = await computedEstimate(ctx, `metric_${m}`, request, filters);
        expect(JSON.stringify({ data: kept.answer!.data, basis: estimateBasis(kept.answer!.basis, filters) })).toBe(JSON.stringify(computed));
        expect(JSON.stringify(await metricEstimate(ctx, `metric_${m}`, request, filters))).toBe(JSON.stringify(computed));
      }
    }
    expect((await computedEstimate(ctx, 'metric_0', {})).data.sourceCount).toBeGreaterThan(2);
  });

  it('is not used for another day, asOf or a metric without a row: those are computed', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await keptHeadEstimate({ ...ctx, now: () => tomorrow }, 'metric_0', {}, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'metric_0', { asOf: '1' }, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'metric_0', { validAt: '2024-06-01' }, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'no_such_metric', {}, {})).answer).toBeNull();
    await expect(metricEstimate(ctx, 'no_such_metric', {})).rejects.toMatchObject({ code: 'metric.not_found' });
  });

  it('leaves the rows out of the read model digest (they depend on the day, not only on the log)', async () => {
    const digest = await t.db.transaction().execute((trx) => digestSchema(trx, schema));
    expect(digest.tables.map((x) => x.name)).not.toContain('head_estimates');
    expect(digest.tables.map((x) => x.name)).toContain('figure_versions');
  });
});
