import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { insertRows } from '../shared/batch-rows';
import { keepHeadSources, type EstimateSnapshot } from './estimate.repository';
import { HEAD_ESTIMATE_STATE_COLUMNS } from './head-estimate.tables';

/**
 * The day's fill of head_estimate_sources (every pair's candidate for a new
 * day), a few metrics per call within the projector's budget instead of all
 * pairs in one batch (11,318 pairs took 0.36–0.71 s at 1M events: one late
 * batch). Its progress lives in head_estimate_backlog, in the same
 * transaction as the candidates: a metric whose candidates for the day are
 * not kept yet has `since_seq = fillMark(day)` (negative, so never a seq), so
 * a rolled-back batch or another process taking over resumes from what was
 * committed. The state row is absent while filling and set to the day once no
 * metric is left: until then readers compute (headSourceRowsAt joins the
 * state for their day), and a reader whose clock still says the old day never
 * meets half a fill. A pair of a metric already filled follows the batches
 * (the caller redoes it); a metric's fill reads the batch's end state, so it
 * includes everything before it.
 */
export const fillMark = (day: string): string => String(-(Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000) + 1));

export interface DayState {
  /** The day the kept rows and candidates answer for; null while filling or before the first caught-up batch. */
  validAt: string | null;
  /** The fill in progress (its mark), if any. */
  fillMark: string | null;
}

export async function readDayState(db: SqlConnection, schema: string): Promise<DayState> {
  const t = (name: string) => sql.id(schema, name);
  const { rows } = await sql<DayState>`
    SELECT (SELECT to_char(valid_at, 'YYYY-MM-DD') FROM ${t('head_estimate_state')}) AS "validAt",
           (SELECT max(since_seq)::text FROM ${t('head_estimate_backlog')} WHERE since_seq < 0) AS "fillMark"`.execute(db);
  return rows[0]!;
}

/** Drops the old day's rows, candidates and state, and marks every registered metric to fill (the backlog's entries with it: all are refilled). */
export async function startFill(db: SqlConnection, schema: string, mark: string): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  await sql`DELETE FROM ${t('head_estimates')}`.execute(db);
  await sql`DELETE FROM ${t('head_estimate_sources')}`.execute(db);
  await sql`DELETE FROM ${t('head_estimate_state')}`.execute(db);
  await sql`DELETE FROM ${t('head_estimate_backlog')}`.execute(db);
  await sql`INSERT INTO ${t('head_estimate_backlog')} (metric_key, since_seq) SELECT metric_key, ${mark}::bigint FROM ${t('metrics')}`.execute(db);
}

/** The metrics still to fill, in key order. */
export async function pendingFill(db: SqlConnection, schema: string): Promise<string[]> {
  const { rows } = await sql<{ metric_key: string }>`
    SELECT metric_key FROM ${sql.id(schema, 'head_estimate_backlog')} WHERE since_seq < 0 ORDER BY metric_key`.execute(db);
  return rows.map((r) => r.metric_key);
}

/**
 * Fills pending metrics in order until `budgetMs` is spent (at least one per
 * call, so the fill always moves); each filled metric stays in the backlog
 * (as of `seq`) for its rows. Once none is left the state is set to the day.
 * Returns how many are left.
 */
export async function fillStep(
  s: EstimateSnapshot,
  schema: string,
  pending: readonly string[],
  budgetMs: number,
  clock: () => number,
): Promise<number> {
  const t = (name: string) => sql.id(schema, name);
  const started = clock();
  const done: string[] = [];
  for (const metricKey of pending) {
    if (done.length > 0 && clock() - started >= budgetMs) break;
    await keepHeadSources(s, { metrics: [metricKey] });
    done.push(metricKey);
  }
  if (done.length > 0)
    await sql`UPDATE ${t('head_estimate_backlog')} SET since_seq = ${s.seq}::bigint WHERE metric_key = ANY (${done}::text[])`.execute(s.trx);
  const left = pending.length - done.length;
  if (left === 0) {
    const marker = [{ singleton: true, valid_at: s.validAt, seq: s.seq }];
    await insertRows(
      s.trx,
      [schema, 'head_estimate_state'],
      HEAD_ESTIMATE_STATE_COLUMNS,
      marker,
      sql`ON CONFLICT (singleton) DO UPDATE SET valid_at = excluded.valid_at, seq = excluded.seq`,
    );
  }
  return left;
}
