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
import { HeadEstimateKeeper } from './head-estimates';

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
    // A budget no batch here reaches (a busy host): the first caught-up batch computes every metric.
    engine = await startReadModelEngine(t, { batchSize: 1000, headEstimateBudgetMs: 10_000 });
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
    const { rows: state } = await sql<{
      seq: string;
      day: string;
    }>`SELECT seq::text, to_char(valid_at, 'YYYY-MM-DD') AS day FROM ${sql.id(schema, 'head_estimate_state')}`.execute(t.db);
    const { rows: cursor } = await sql<{ seq: string }>`SELECT seq::text FROM ${sql.id(schema, 'cursor')}`.execute(t.db);
    expect(state).toEqual([{ seq: cursor[0]!.seq, day: new Date().toISOString().slice(0, 10) }]);
    // Every row from that one batch: none was written by an earlier (catch-up) batch.
    const { rows } = await sql<{
      seq: string;
      n: number;
    }>`SELECT seq::text, count(*)::int AS n FROM ${sql.id(schema, 'head_estimates')} GROUP BY seq`.execute(t.db);
    expect(rows).toEqual([{ seq: cursor[0]!.seq, n: METRICS * ESTIMATE_COMBINATIONS.length }]);
    expect(ESTIMATE_COMBINATIONS).toHaveLength(6);
    // And each metric–source pair's candidate for today, from the same batch.
    const { rows: pairs } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(schema, 'head_estimate_sources')}`.execute(t.db);
    expect(pairs[0]!.n).toBeGreaterThan(METRICS);
  });

  /** Every metric and combination: the kept answer is the computed one, JSON byte for byte (and the route's, when asked). */
  async function expectKeptEqualsComputed(options: { throughTheRoute: boolean }): Promise<void> {
    for (let m = 0; m < METRICS; m++) {
      for (const c of ESTIMATE_COMBINATIONS) {
        const filters = filtersOf(c);
        const request = { algorithmVersion: c.algorithmVersion };
        const kept = await keptHeadEstimate(ctx, `metric_${m}`, request, filters);
        expect(kept.answer).not.toBeNull();
        const computed = await computedEstimate(ctx, `metric_${m}`, request, filters);
        expect(JSON.stringify({ data: kept.answer!.data, basis: estimateBasis(kept.answer!.basis, filters) })).toBe(JSON.stringify(computed));
        if (options.throughTheRoute)
          expect(JSON.stringify(await metricEstimate(ctx, `metric_${m}`, request, filters))).toBe(JSON.stringify(computed));
      }
    }
  }

  it('holds, for every metric and combination the route accepts, exactly the computed answer (JSON byte for byte)', async () => {
    await expectKeptEqualsComputed({ throughTheRoute: true });
    expect((await computedEstimate(ctx, 'metric_0', {})).data.sourceCount).toBeGreaterThan(2);
  });

  it('answers a metric without a row from its kept candidates, exactly as computed (every combination)', async () => {
    await sql`DELETE FROM ${sql.id(schema, 'head_estimates')}`.execute(t.db);
    await expectKeptEqualsComputed({ throughTheRoute: false });
    // The rows come back with the next batch that has budget for them.
    await sql`INSERT INTO ${sql.id(schema, 'head_estimate_backlog')} SELECT metric_key, 0 FROM ${sql.id(schema, 'metrics')} ON CONFLICT DO NOTHING`.execute(
      t.db,
    );
  });

  it('is not used for another day, asOf or a metric without a row: those are computed', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await keptHeadEstimate({ ...ctx, now: () => tomorrow }, 'metric_0', {}, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'metric_0', { asOf: '1' }, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'metric_0', { validAt: '2024-06-01' }, {})).answer).toBeNull();
    expect((await keptHeadEstimate(ctx, 'no_such_metric', {}, {})).answer).toBeNull();
    await expect(metricEstimate(ctx, 'no_such_metric', {})).rejects.toMatchObject({ code: 'metric.not_found' });
  });

  describe('within a budget (a keeper called in a transaction, as the projector does, on this idle model)', () => {
    const metricKeys = Array.from({ length: METRICS }, (_, m) => `metric_${m}`);
    /** A clock that moves 5 ms whenever it is read (with a budget of 12 ms a call computes exactly one metric), and jumps when told. */
    const steppingClock = () => {
      let now = 0;
      return Object.assign(() => (now += 5), { jump: (ms: number) => void (now += ms) });
    };
    const keep = async (keeper: HeadEstimateKeeper, touched: readonly string[]) => {
      await t.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ seq: string; position: string }>`SELECT seq::text, position::text FROM ${sql.id(schema, 'cursor')}`.execute(trx);
        const pairs = { metricKeys: [], sourceIds: [] };
        await keeper.keep(trx, schema, { last: rows[0]!, touched, pairs, caughtUp: true, today: new Date().toISOString().slice(0, 10) });
      });
    };
    const kept = async () => {
      const { rows } = await sql<{ metric_key: string; n: number }>`
        SELECT metric_key, count(*)::int AS n FROM ${sql.id(schema, 'head_estimates')} GROUP BY metric_key ORDER BY metric_key`.execute(t.db);
      const { rows: backlog } = await sql<{
        metric_key: string;
      }>`SELECT metric_key FROM ${sql.id(schema, 'head_estimate_backlog')} ORDER BY metric_key`.execute(t.db);
      return { rows: Object.fromEntries(rows.map((r) => [r.metric_key, r.n])), backlog: backlog.map((b) => b.metric_key) };
    };
    /**
     * Every metric and combination: the answer (from its row, or else folded from the kept candidates) is the
     * computed answer; a metric has a row exactly when it is out of the backlog.
     */
    const expectExact = async () => {
      const { rows, backlog } = await kept();
      for (const metricKey of metricKeys) {
        expect([metricKey, rows[metricKey] ?? 0]).toEqual([metricKey, backlog.includes(metricKey) ? 0 : ESTIMATE_COMBINATIONS.length]);
        for (const c of ESTIMATE_COMBINATIONS) {
          const filters = filtersOf(c);
          const request = { algorithmVersion: c.algorithmVersion };
          const computed = await computedEstimate(ctx, metricKey, request, filters);
          const row = await keptHeadEstimate(ctx, metricKey, request, filters);
          expect(row.answer).not.toBeNull();
          expect(JSON.stringify({ data: row.answer!.data, basis: estimateBasis(row.answer!.basis, filters) })).toBe(JSON.stringify(computed));
          expect(JSON.stringify(await metricEstimate(ctx, metricKey, request, filters))).toBe(JSON.stringify(computed));
        }
      }
    };

    it('a batch touching every metric deletes their rows and recomputes what fits; later batches work the backlog off, one budget each', async () => {
      const keeper = new HeadEstimateKeeper(12, steppingClock(), 0);
      await keep(keeper, metricKeys);
      const first = await kept();
      expect(Object.keys(first.rows)).toHaveLength(1);
      expect(first.backlog).toHaveLength(METRICS - 1);
      await expectExact();
      for (let batch = 2; batch <= METRICS; batch++) {
        await keep(keeper, []);
        expect((await kept()).backlog).toHaveLength(METRICS - batch);
        await expectExact();
      }
      expect(Object.values((await kept()).rows)).toEqual(metricKeys.map(() => ESTIMATE_COMBINATIONS.length));
    });

    it('leaves a metric whose last cost does not fit the budget to later batches, unless it is the only one left', async () => {
      // The clock reads 5 ms later at each look: one metric costs 5, and the next is considered 20 after the start.
      const keeper = new HeadEstimateKeeper(22, steppingClock(), 0);
      await keep(keeper, ['metric_0']); // measured: 5
      await keep(keeper, ['metric_0', 'metric_1']); // unknown cost first: metric_1; then 20 + 5 > 22, metric_0 waits
      expect((await kept()).backlog).toEqual(['metric_0']);
      await expectExact();
      await keep(keeper, []);
      expect((await kept()).backlog).toEqual([]);
      await expectExact();
    });

    it('leaves a hot metric (touched twice within the window) to readers until it cools down', async () => {
      const clock = steppingClock();
      const keeper = new HeadEstimateKeeper(10_000, clock, 1000);
      await keep(keeper, ['metric_0', 'metric_1']); // first touches: computed
      expect((await kept()).backlog).toEqual([]);
      await keep(keeper, ['metric_0']); // again within 1,000 ms: hot
      expect((await kept()).backlog).toEqual(['metric_0']);
      await keep(keeper, ['metric_1']); // metric_1 is hot now too; metric_0 still is
      expect((await kept()).backlog).toEqual(['metric_0', 'metric_1']);
      await expectExact();
      clock.jump(1000);
      await keep(keeper, []); // a second without touches: both cooled down
      expect((await kept()).backlog).toEqual([]);
      await expectExact();
    });

    it('with budget 0 only invalidates: the touched metrics are computed by readers, exactly', async () => {
      await keep(new HeadEstimateKeeper(0), ['metric_2', 'metric_3']);
      expect((await kept()).backlog).toEqual(['metric_2', 'metric_3']);
      await expectExact();
      await keep(new HeadEstimateKeeper(10_000), []);
      expect((await kept()).backlog).toEqual([]);
      await expectExact();
    });
  });

  it('leaves the rows out of the read model digest (they depend on the day, not only on the log)', async () => {
    const digest = await t.db.transaction().execute((trx) => digestSchema(trx, schema));
    expect(digest.tables.map((x) => x.name)).not.toContain('head_estimates');
    expect(digest.tables.map((x) => x.name)).toContain('figure_versions');
  });
});
