import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { headKeptAt } from '../figures/head-estimate.repository';
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
 * A head estimate for today from what the figures model keeps
 * (head-estimates.ts): the combination's row, or else the metric's
 * candidates folded here, read with the head in one statement instead of the
 * estimate's queries and a probe per source; the same answer byte for byte.
 * Not for asOf or another day, nor when what is kept is for another day than
 * the reader's today (before the first batch of a new day), nor when the
 * active version keeps nothing: those are computed. minPosition is waited for first, exactly as readAt does; once it
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
  const kept = await headKeptAt(ctx.db, schema, metricKey, combination, today);
  if (!kept) return { answer: null, rest };
  // readAt's basis, key for key (the answer's JSON must not differ).
  const basis: Basis = { position: kept.head.position, recordedAt: kept.head.recordedAt, validAt: today, algorithmVersion };
  // The row; or, for a metric without one (touched since, hot, past the budget), its candidates folded as computing would at this head.
  const data =
    kept.data !== null ? (JSON.parse(kept.data) as MetricEstimate) : estimateFromRows(metricKey, kept.rows!, algorithmVersion, filters, today);
  return { answer: { data, basis }, rest };
}
