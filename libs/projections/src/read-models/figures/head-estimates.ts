import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { ESTIMATE_COMBINATIONS, estimateFromRows, filtersOf } from '../query/estimate-fold';
import { batchTiming } from '../../engine';
import { insertRows } from '../shared/batch-rows';
import { loadCursor } from '../shared/ledger-cursor';
import { headSourceRowsAt, keepHeadSources, type EstimateSnapshot } from './estimate.repository';
import { fillMark, fillStep, pendingFill, readDayState, startFill } from './head-estimate-fill';
import { FIGURES_PROJECTION } from './figures.projection';
import { HEAD_ESTIMATE_COLUMNS, type HeadEstimateRow } from './head-estimate.tables';

/** HEAD_ESTIMATE_BUDGET_MS's default (libs/platform's ConfigSchema says the same). */
export const DEFAULT_HEAD_ESTIMATE_BUDGET_MS = 50;
/** A metric touched again within this many ms of its previous touch is hot while its last touch is this recent (see HeadEstimateKeeper). */
export const HOT_WINDOW_MS = 1000;
/** The backlog's oldest entries a batch considers: the rest wait, so a batch's own reads stay small on a ledger of many metrics. */
const BACKLOG_WINDOW = 1000;

export interface HeadEstimateBatch {
  /** The batch's last event (seq and position): the rows' basis. */
  last: { seq: string; position: string };
  /** The metrics the batch touched (the notice's keys). */
  touched: readonly string[];
  /** The metric–source pairs whose figure rows the batch changed (touchedPairs): their head_estimate_sources rows are redone. */
  pairs: { metricKeys: string[]; sourceIds: string[] };
  /** The batch counts as caught up with the log (ensureQueryIndexes' answer). */
  caughtUp: boolean;
  /** Today (UTC) by the projector's clock: the day the rows answer for. */
  today: string;
  /** Invalidate and queue, compute nothing (the batch that built the query indexes cannot use them yet). */
  queueOnly?: boolean;
}

/**
 * Keeps the head-estimate rows in the batch's transaction, after its changes
 * are written, without letting them slow the projector down.
 *
 * Exactness: a reader takes a row and the model's cursor in one statement
 * (head-estimate.repository.ts), so it sees the state of one committed batch
 * B and the rows as B left them. Every batch deletes the rows of each metric
 * it touched in its own transaction, and a row is written only inside a
 * batch, from that batch's end state (the read path's query on its
 * uncommitted tables), or between batches by idle(), at the head, behind
 * the checkpoint row's lock that every batch takes first (so it is as if the
 * last batch had written it). So a row present at B was computed at some batch at or
 * before B, and no batch after that one and up to B touched its metric: the
 * row is what computing would answer at B. A metric without a row is
 * computed by the reader. Rows are for one day (`valid_at`); readers of
 * another day compute.
 *
 * Work per batch is bounded: invalidated metrics go to a backlog, and each
 * batch recomputes from it, cheapest first (by the metric's last measured
 * cost, unknown first, then longest waiting), until `budgetMs` is spent; a
 * metric whose last cost does not fit what remains is left for a later
 * batch, unless nothing was computed yet (so the backlog always moves: at
 * most one metric's cost past the budget). A hot metric (touched twice
 * within `hotWindowMs`, the last time within it) waits until it cools down:
 * its row would be deleted again by one of the next batches, after saving at
 * most the few reads (one per combination and API cache) that a row saves
 * per touch, while its cost is on the projector's path and the readers' is
 * not. So under a heavy write load the projector computes only the metrics
 * written now and then, and a busy one is kept once writes to it pause (by
 * the next batch, or by idle() when no event is waiting: the log follower's
 * idle hook, which also works off what the budget left).
 * A metric without a row is not computed from scratch by readers either:
 * `head_estimate_sources` keeps each metric–source pair's candidate, all
 * pairs when the day is set, then per batch only the pairs whose figure
 * rows it changed (`pairs`), and readers fold those (headSourceRowsAt).
 * While the model catches up nothing is kept; the first caught-up batch and
 * the first batch of a new day start the day's fill (head-estimate-fill.ts):
 * the candidates of a few metrics per batch or idle call within the budget,
 * then every metric's rows through the backlog. Budget 0: no row is written
 * (rows are still invalidated), the fill does one metric per call.
 */
export class HeadEstimateKeeper {
  /** ms of each metric's last computation in this process: it orders and skips, never changes an answer. */
  private readonly costs = new Map<string, number>();
  /**
   * From when (clock ms) idle() may find work: now while a fill or cold backlog
   * metrics are left, when the first hot one cools down, never when nothing is
   * left. Only saves idle()'s round trips, so it errs towards early.
   */
  private idleFrom = -Infinity;
  /** The day of the last keep() (null: none yet in this process). */
  private keptDay: string | null = null;
  /** Each metric's last two touches (clock ms) in this process. */
  private readonly touches = new Map<string, { last: number; previous: number | null }>();

  constructor(
    private readonly budgetMs: number = DEFAULT_HEAD_ESTIMATE_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
    private readonly hotWindowMs: number = HOT_WINDOW_MS,
  ) {}

  /** Keeps the rows and candidates after a batch; true when work is left that idle time could do (see idle()). */
  async keep(db: SqlConnection, schema: string, batch: HeadEstimateBatch): Promise<boolean> {
    const t = (name: string) => sql.id(schema, name);
    const day = await readDayState(db, schema);
    this.keptDay = batch.today;
    const snapshot = batchSnapshot(db, schema, batch);
    let filling = false;
    let more = false;
    let spentMs = 0;
    if (day.validAt === batch.today) await keepHeadSources(snapshot, batch.pairs);
    else {
      const mark = fillMark(batch.today);
      if (day.fillMark !== mark) {
        if (day.validAt === null && day.fillMark === null && !batch.caughtUp) return false; // catching up: nothing kept yet
        await startFill(db, schema, mark);
      }
      const pending = await pendingFill(db, schema);
      // Filled metrics' pairs follow the batch; the others are filled from its end state, later or below.
      const waiting = new Set(pending);
      const keep = batch.pairs.metricKeys.map((m, i) => [m, batch.pairs.sourceIds[i]!] as const).filter(([m]) => !waiting.has(m));
      await keepHeadSources(snapshot, { metricKeys: keep.map((p) => p[0]), sourceIds: keep.map((p) => p[1]) });
      // The batch that built the query indexes cannot use them (ensureQueryIndexes): it only starts the fill.
      const started = this.clock();
      const left = batch.queueOnly && pending.length > 0 ? pending.length : await fillStep(snapshot, schema, pending, this.budgetMs, this.clock);
      spentMs = this.clock() - started;
      filling = left > 0;
      more = filling;
      batchTiming.mark('head:fill');
    }
    batchTiming.mark('head:sources');
    const now = this.clock();
    for (const metricKey of batch.touched) this.touches.set(metricKey, { last: now, previous: this.touches.get(metricKey)?.last ?? null });
    if (batch.touched.length > 0) {
      // One round trip: the two tables are distinct, so the data-modifying CTE's order does not matter.
      await sql`WITH dropped AS (DELETE FROM ${t('head_estimates')} WHERE metric_key = ANY (${batch.touched}::text[]))
                INSERT INTO ${t('head_estimate_backlog')} (metric_key, since_seq)
                SELECT unnest(${batch.touched}::text[]), ${batch.last.seq}::bigint ON CONFLICT (metric_key) DO NOTHING`.execute(db);
    }
    batchTiming.mark('head:invalidate');
    // While filling, nothing is kept for the day yet: the rows wait for the candidates.
    if (!batch.queueOnly && !filling) more = await this.recompute(db, schema, batch, now, this.budgetMs - spentMs);
    else this.idleFrom = -Infinity;
    batchTiming.mark('head:recompute');
    return more;
  }

  /**
   * Between batches, with the model caught up and no event waiting (the log
   * follower's idle hook): the same upkeep as a batch that changed nothing,
   * at the model's head, within the same budget: the day's fill, then the
   * backlog. True when more is left.
   */
  async idle(db: SqlConnection, schema: string, today: string): Promise<boolean> {
    if (!this.idleDue(today)) return false;
    const cursor = await loadCursor(db, schema);
    if (cursor.seq === '0') return false;
    const pairs = { metricKeys: [], sourceIds: [] };
    return this.keep(db, schema, { last: { seq: cursor.seq, position: cursor.position }, touched: [], pairs, caughtUp: true, today });
  }

  /** Whether idle() may find work now (in memory; errs towards yes): also on a new day, to start its fill. */
  idleDue(today: string): boolean {
    return this.clock() >= this.idleFrom || today !== this.keptDay;
  }

  private isHot(metricKey: string, now: number): boolean {
    const touch = this.touches.get(metricKey);
    if (!touch || touch.previous === null || now - touch.last >= this.hotWindowMs) return false;
    return touch.last - touch.previous < this.hotWindowMs;
  }

  /** Computes backlog metrics within the budget; computed (or unregistered) ones leave the backlog. True when some that are not hot were left. */
  private async recompute(db: SqlConnection, schema: string, batch: HeadEstimateBatch, now: number, budgetMs: number): Promise<boolean> {
    if (this.budgetMs <= 0) {
      this.idleFrom = Infinity; // no rows to compute, ever
      return false;
    }
    const t = (name: string) => sql.id(schema, name);
    const { rows: waiting } = await sql<{ metric_key: string }>`
      SELECT metric_key FROM ${t('head_estimate_backlog')} ORDER BY since_seq, metric_key LIMIT ${BACKLOG_WINDOW}`.execute(db);
    // Stable sort: equal costs keep the longest waiting first.
    const order = waiting
      .map((w) => w.metric_key)
      .filter((metricKey) => !this.isHot(metricKey, now))
      .sort((a, b) => (this.costs.get(a) ?? 0) - (this.costs.get(b) ?? 0));
    const started = this.clock();
    const done: string[] = [];
    for (const metricKey of order) {
      const elapsed = this.clock() - started;
      if (elapsed >= budgetMs) break;
      if (done.length > 0 && elapsed + (this.costs.get(metricKey) ?? 0) > budgetMs) continue;
      const begun = this.clock();
      const rows = await metricRows(db, schema, batch, metricKey);
      if (rows.length > 0) await insertRows(db, [schema, 'head_estimates'], HEAD_ESTIMATE_COLUMNS, rows);
      this.costs.set(metricKey, this.clock() - begun);
      done.push(metricKey);
    }
    if (done.length > 0) await sql`DELETE FROM ${t('head_estimate_backlog')} WHERE metric_key = ANY (${done}::text[])`.execute(db);
    const more = done.length < order.length || waiting.length === BACKLOG_WINDOW;
    const hot = waiting.filter((w) => this.isHot(w.metric_key, now)).map((w) => this.touches.get(w.metric_key)!.last + this.hotWindowMs);
    this.idleFrom = more ? -Infinity : Math.min(Infinity, ...hot);
    return more;
  }
}

/**
 * One metric's 6 rows: one read of what the model holds about it at the
 * batch's end (its kept candidates, the read path's own rows at the head), folded
 * once per combination. None when the metric is not registered.
 */
async function metricRows(db: SqlConnection, schema: string, batch: HeadEstimateBatch, metricKey: string): Promise<HeadEstimateRow[]> {
  const { last, today } = batch;
  // The batch's pairs are redone above, so the kept candidates are the probe's answer now.
  const read = (await headSourceRowsAt(db, schema, metricKey, today))?.rows ?? null; // no row asked: always the candidates
  if (!read) return [];
  return ESTIMATE_COMBINATIONS.map((c) => ({
    metric_key: metricKey,
    algorithm_version: c.algorithmVersion,
    exclude_parties: c.excludeParties,
    include_unverified: c.includeUnverified,
    valid_at: today,
    seq: last.seq,
    position: last.position,
    data: JSON.stringify(estimateFromRows(metricKey, read, c.algorithmVersion, filtersOf(c), today)),
  }));
}

/** The batch's own transaction at its end, seen as the read path's head snapshot for today. */
const batchSnapshot = (db: SqlConnection, schema: string, batch: HeadEstimateBatch): EstimateSnapshot => ({
  trx: db,
  seq: batch.last.seq,
  validAt: batch.today,
  validAtIsToday: true,
  schema: (name) => (name === FIGURES_PROJECTION ? schema : failOther(name)),
  atHead: (name) => name === FIGURES_PROJECTION,
});

const failOther = (name: string): never => {
  throw new Error(`the figures projector reads only its own model, not ${name}`);
};
