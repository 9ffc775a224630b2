import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { headEstimateAt, headSourcesAt } from '../figures/head-estimate.repository';
import { estimateFromRows } from './estimate-fold';
import { activeSchema, waitForPosition } from '../../engine';
import { resolveAlgorithmVersion, todayOf, type Basis, type ReadRequest } from './basis';
import type { EstimateFilters, MetricEstimate } from './estimate.query';
import type { ReadContext } from './read-snapshot';

export interface KeptHeadEstimate {
  /** The answer from the kept row, or null: compute it (readAt). */
  answer: { data: MetricEstimate; basis: Basis } | null;
  /** The request left to compute: its minPosition is dropped once waited for here. */
  rest: ReadRequest;
}

/**
 * A head estimate for today from the figures model's kept row
 * (head-estimates.ts): one indexed read instead of the estimate's queries
 * and fold, the same answer byte for byte. Not for asOf or another day, nor
 * when the row is for another day than the reader's today (before the first
 * batch of a new day), nor when the active version keeps no rows: those are
 * computed. minPosition is waited for first, exactly as readAt does; once it
 * is reached every later head covers it, so the row at the head answers it.
 * Checks run in readAt's order, so a bad request is refused the same way.
 */
export async function keptHeadEstimate(
  ctx: ReadContext,
  metricKey: string,
  request: ReadRequest,
  filters: EstimateFilters,
): Promise<KeptHeadEstimate> {
  const now = ctx.now?.() ?? new Date();
  const today = todayOf(now);
  if (request.asOf !== undefined || (request.validAt !== undefined && request.validAt !== today)) return { answer: null, rest: request };
  const algorithmVersion = resolveAlgorithmVersion(request.algorithmVersion);
  const { minPosition, ...rest } = request;
  if (minPosition !== undefined) await waitForPosition(ctx.db, [FIGURES_PROJECTION], minPosition, ctx.waitTimeoutMs, ctx.primary);
  const schema = await activeSchema(ctx.db, FIGURES_PROJECTION);
  const combination = { algorithmVersion, excludeParties: filters.excludeParties ?? false, includeUnverified: filters.includeUnverified ?? false };
  const kept = await headEstimateAt(ctx.db, schema, metricKey, combination);
  if (kept && kept.validAt === today) {
    // readAt's basis, key for key (the answer's JSON must not differ).
    const basis: Basis = { position: kept.position, recordedAt: kept.recordedAt, validAt: today, algorithmVersion };
    return { answer: { data: JSON.parse(kept.data) as MetricEstimate, basis }, rest };
  }
  // No row (touched since, hot, or past the budget): fold the kept candidates, as computing would at this head.
  const sources = await headSourcesAt(ctx.db, schema, metricKey, today);
  if (!sources) return { answer: null, rest };
  const basis: Basis = { position: sources.head.position, recordedAt: sources.head.recordedAt, validAt: today, algorithmVersion };
  return { answer: { data: estimateFromRows(metricKey, sources.rows, algorithmVersion, filters, today), basis }, rest };
}
