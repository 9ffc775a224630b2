import {
  computeEstimateVersion,
  ESTIMATE_ALGORITHM_VERSIONS,
  type EstimateAlgorithmVersion,
  type EstimateInput,
  type ValidAtPrecision,
} from '@factledger/ledger-domain';
import type { EstimateRows } from '../figures/estimate.repository';
import { amountOf } from '../figures/figure-views';
import type { EstimateFilters, MetricEstimate } from './estimate.query';

/**
 * The estimate from what the read model holds about the metric at a basis:
 * the domain's estimate by algorithm version, with citations, the excluded
 * sources and the last change. Pure: the read path and the projector (which
 * keeps head-estimate rows) fold the same rows the same way.
 */
export function estimateFromRows(
  metricKey: string,
  read: EstimateRows,
  version: EstimateAlgorithmVersion,
  filters: EstimateFilters,
  validAt: string,
): MetricEstimate {
  const { unit, candidates, lastChange } = read;
  const inputs: EstimateInput[] = candidates.map((c) => ({
    figureId: c.figure_id,
    sourceId: c.source_id,
    partyToConflict: c.party_to_conflict,
    amount: amountOf(c),
    validAt: { date: c.valid_at, precision: c.valid_precision as ValidAtPrecision },
    recordedPosition: c.version_position,
    recordedAt: c.version_recorded_at,
    needsReview: c.needs_review,
  }));
  const options = { excludeParties: filters.excludeParties ?? false, includeUnverified: filters.includeUnverified ?? false, asOf: validAt };
  const { asOf: _asOf, sources, ...estimate } = computeEstimateVersion(version, inputs, options);
  const byFigure = new Map(candidates.map((c) => [c.figure_id, c]));
  const kept = new Set(sources.map((row) => row.sourceId));
  return {
    metricKey,
    unit,
    ...estimate,
    sources: sources.map((row) => {
      const c = byFigure.get(row.figureId)!;
      return { ...row, version: c.version, citation: { reportId: c.report_id, quote: c.quote, offset: c.quote_offset } };
    }),
    excludedSources: inputs
      .filter((i) => !kept.has(i.sourceId))
      .map((i) => i.sourceId)
      .sort(),
    lastChange,
  } as MetricEstimate;
}

/** One question the estimate route answers differently: a version and its filters (false and absent ask the same). */
export interface EstimateCombination {
  algorithmVersion: EstimateAlgorithmVersion;
  excludeParties: boolean;
  includeUnverified: boolean;
}

/** Every combination the route accepts: version 1 has no includeUnverified (it counts every source). */
export const ESTIMATE_COMBINATIONS: readonly EstimateCombination[] = ESTIMATE_ALGORITHM_VERSIONS.flatMap((algorithmVersion) =>
  [false, true].flatMap((excludeParties) =>
    (algorithmVersion === 1 ? [false] : [false, true]).map((includeUnverified) => ({ algorithmVersion, excludeParties, includeUnverified })),
  ),
);

/** The filters a combination passes to the fold (version 1 never names includeUnverified). */
export const filtersOf = (c: EstimateCombination): EstimateFilters =>
  c.algorithmVersion === 1 ? { excludeParties: c.excludeParties } : { excludeParties: c.excludeParties, includeUnverified: c.includeUnverified };
