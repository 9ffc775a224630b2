import { sql } from 'kysely';
import { AppendNotifier, PostgresEventStore } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { figureReported } from '../../../../../bench/fixtures/figure-writer';
import { loadLedger } from '../../../../../bench/fixtures/million-events';
import { activeSchema, ProjectionEngine, waitForPosition } from '../../engine';
import { ESTIMATE_COMBINATIONS, filtersOf } from '../query/estimate-fold';
import { computedEstimate, metricEstimate } from '../query/estimate.query';
import type { ReadContext } from '../query/read-snapshot';
import { firstVersion, READ_MODELS } from '../read-model-lineage';
import { startReadModelEngine } from '../testing/read-model-engine';
import { keepHeadSources } from './estimate.repository';
import { figuresProjection } from './figures.projection';
import { HeadEstimateKeeper } from './head-estimates';

/** The day's fill of the kept candidates split within the budget, and the upkeep done in the log follower's idle hook. */
describe('head-estimate upkeep: the day fill within the budget, the idle hook (PostgreSQL)', () => {
  let t: TestDatabase;
  let schema: string;
  const METRICS = 6;
  const metricKeys = Array.from({ length: METRICS }, (_, m) => `metric_${m}`);
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000);
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const head = async () => (await sql<{ p: string }>`SELECT max(position)::text AS p FROM events`.execute(t.db)).rows[0]!.p;
  const t_ = (name: string) => sql.id(schema, name);

  beforeAll(async () => {
    t = await createTestDatabase({ poolSize: 6 });
    await loadLedger(t.adminPool, { events: 3000, metrics: METRICS, sources: 12, reports: 40, chunk: 100 });
    const engine = await startReadModelEngine(t, { batchSize: 1000, headEstimateBudgetMs: 10_000 });
    await waitForPosition(t.db, ['figures'], await head(), 60_000);
    await engine.stop();
    schema = await activeSchema(t.db, 'figures');
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  const state = async () =>
    (await sql<{ day: string }>`SELECT to_char(valid_at, 'YYYY-MM-DD') AS day FROM ${t_('head_estimate_state')}`.execute(t.db)).rows[0]?.day ?? null;
  const pending = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t_('head_estimate_backlog')} WHERE since_seq < 0`.execute(t.db)).rows[0]!.n;
  const backlog = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t_('head_estimate_backlog')}`.execute(t.db)).rows[0]!.n;

  /** The kept candidates, and what filling every pair at once (the unsplit fill) keeps for `validAt`, in a rolled-back transaction. */
  async function keptAndWhole(validAt: string): Promise<[string, string]> {
    const rows = async (db: typeof t.db) =>
      JSON.stringify((await sql`SELECT * FROM ${t_('head_estimate_sources')} ORDER BY metric_key, source_id`.execute(db)).rows);
    const kept = await rows(t.db);
    let whole = '';
    await t.db
      .transaction()
      .execute(async (trx) => {
        const { seq } = (await sql<{ seq: string }>`SELECT seq::text FROM ${t_('cursor')}`.execute(trx)).rows[0]!;
        await keepHeadSources({ trx, seq, validAt, validAtIsToday: true, schema: () => schema, atHead: () => true }, null);
        whole = await rows(trx);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    return [kept, whole];
  }

  /** Every metric and combination, as a reader of `now`'s day is answered (route and computed path), is the computed answer. */
  async function expectExact(now: Date): Promise<void> {
    const ctx: ReadContext = { db: t.db, waitTimeoutMs: 10_000, now: () => now };
    for (const metricKey of metricKeys)
      for (const c of ESTIMATE_COMBINATIONS) {
        const filters = filtersOf(c);
        const request = { algorithmVersion: c.algorithmVersion };
        const computed = await computedEstimate(ctx, metricKey, request, filters);
        expect(JSON.stringify(await metricEstimate(ctx, metricKey, request, filters))).toBe(JSON.stringify(computed));
      }
  }

  it('fills a new day a few metrics per batch within the budget; readers compute until it is whole, then read it', async () => {
    const tomorrow = day(1);
    // The clock moves 5 ms at each look: with a budget of 12 ms a call fills 3 metrics (the first always).
    let now = 0;
    const keeper = new HeadEstimateKeeper(12, () => (now += 5), 0);
    const keep = () =>
      t.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ seq: string; position: string }>`SELECT seq::text, position::text FROM ${t_('cursor')}`.execute(trx);
        const pairs = { metricKeys: [], sourceIds: [] };
        return keeper.keep(trx, schema, { last: rows[0]!, touched: [], pairs, caughtUp: true, today: dayOf(tomorrow) });
      });
    expect(await keep()).toBe(true);
    expect([await state(), await pending()]).toEqual([null, METRICS - 3]);
    await expectExact(tomorrow);
    await expectExact(new Date()); // a reader still on the old day meets no half fill either
    expect(await keep()).toBe(true); // the last 3: the state moves to the day; no budget left for rows, which wait (more)
    expect([await state(), await pending(), await backlog()]).toEqual([dayOf(tomorrow), 0, METRICS]);
    const [kept, whole] = await keptAndWhole(dayOf(tomorrow));
    expect(kept).toBe(whole);
    await expectExact(tomorrow);
  });

  it('works the backlog off and fills a new day in the idle hook, batches following the filled metrics meanwhile', async () => {
    const tomorrow = day(2);
    const spec = READ_MODELS.find((s) => s.name === 'figures')!;
    // Budget 0: a batch or an idle call fills one metric and computes no rows.
    const engine = new ProjectionEngine({
      db: t.db,
      connectionString: t.url,
      definitions: [figuresProjection({ version: firstVersion(spec), now: () => tomorrow, headEstimateBudgetMs: 0 })],
      logger: { log: () => undefined, warn: () => undefined, error: console.error },
      pollIntervalMs: 20,
    });
    await engine.start();
    try {
      // Reports to the first and the last metric, while the fill goes on (the first is filled early, the last late).
      const store = new PostgresEventStore(t.db, new AppendNotifier(t.pool));
      for (let n = 0; n < 6; n++) {
        const { stream, event } = figureReported(metricKeys[n % 2 === 0 ? 0 : METRICS - 1]!, `source-${n}`, n);
        await store.append(stream, [event], { expectedVersion: 'no_stream' });
      }
      await waitForPosition(t.db, ['figures'], await head(), 30_000);
      for (const deadline = Date.now() + 30_000; (await state()) !== dayOf(tomorrow); await new Promise((r) => setTimeout(r, 20)))
        if (Date.now() > deadline) throw new Error('the fill did not finish in idle time');
      const [kept, whole] = await keptAndWhole(dayOf(tomorrow));
      expect(kept).toBe(whole);
      await expectExact(tomorrow);
    } finally {
      await engine.stop();
    }
    // Rows: a budget that fits them all, no new events: the idle hook computes the backlog.
    expect(await backlog()).toBe(METRICS);
    const rowsEngine = new ProjectionEngine({
      db: t.db,
      connectionString: t.url,
      definitions: [figuresProjection({ version: firstVersion(spec), now: () => tomorrow, headEstimateBudgetMs: 10_000 })],
      logger: { log: () => undefined, warn: () => undefined, error: console.error },
      pollIntervalMs: 20,
    });
    await rowsEngine.start();
    try {
      for (const deadline = Date.now() + 30_000; (await backlog()) > 0; await new Promise((r) => setTimeout(r, 20)))
        if (Date.now() > deadline) throw new Error('the idle hook did not work the backlog off');
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${t_('head_estimates')} WHERE valid_at = ${dayOf(tomorrow)}::date`.execute(t.db);
      expect(rows[0]!.n).toBe(METRICS * ESTIMATE_COMBINATIONS.length);
      await expectExact(tomorrow);
    } finally {
      await rowsEngine.stop();
    }
  });
});
