import {
  computeEstimateVersion,
  LedgerErrorCodes,
  type Estimate,
  type EstimateInput,
  type EstimateSourceRow,
  type EstimateV2,
  type ValidAtPrecision,
} from '@factledger/ledger-domain';
import { invalid, notFound } from '@factledger/shared';
import { estimateRowsAt } from '../figures/estimate.repository';
import { amountOf } from '../figures/figure-views';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { QueryErrorCodes, resolveAlgorithmVersion, type Basis, type ReadRequest } from './basis';
import { readAt, type ReadContext, type Snapshot } from './read-snapshot';

/** What every version's answer adds to the domain's estimate. */
interface MetricEstimateFields {
  metricKey: string;
  unit: string;
  /** Sources left out (parties with excludeParties; from version 2 on also unverified sources), ascending. */
  excludedSources: string[];
  /** The last event at or before the basis that changed what the ledger held about this metric's figures. */
  lastChange: { position: string; recordedAt: string } | null;
}

/** Each retained figure with the version used and the report and quote that state it. */
type Cited<Row> = Row & { version: number; citation: EstimateCitation };

export type MetricEstimateV1 = Omit<Estimate, 'asOf' | 'sources'> & MetricEstimateFields & { sources: Cited<EstimateSourceRow>[] };
export type MetricEstimateV2 = Omit<EstimateV2, 'asOf' | 'sources'> & MetricEstimateFields & { sources: Cited<EstimateV2['sources'][number]>[] };
export type MetricEstimate = MetricEstimateV1 | MetricEstimateV2;

/** The estimate's filters; includeUnverified exists from version 2 on. */
export interface EstimateFilters {
  excludeParties?: boolean;
  includeUnverified?: boolean;
}

export interface EstimateCitation {
  reportId: string;
  quote: string;
  offset: number | null;
}

export async function metricEstimate(ctx: ReadContext, metricKey: string, request: ReadRequest, filters: EstimateFilters = {}): Promise<{ data: MetricEstimate; basis: Basis }> {
  if (resolveAlgorithmVersion(request.algorithmVersion) === 1 && filters.includeUnverified !== undefined) {
    throw invalid(QueryErrorCodes.filterUnavailable, 'includeUnverified is a filter of estimate algorithm version 2 on; version 1 counts every source', {
      field: 'includeUnverified',
      reason: 'needs algorithmVersion 2 or later',
    });
  }
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], request, (s) => estimateAt(s, metricKey, filters));
  return { data: result, basis: estimateBasis(basis, filters) };
}

/** Version 1's basis is as it always was; from version 2 on it names the filters too. */
export const estimateBasis = (basis: Basis, filters: EstimateFilters): Basis =>
  basis.algorithmVersion === 1 ? basis : { ...basis, excludeParties: filters.excludeParties ?? false, includeUnverified: filters.includeUnverified ?? false };

/** The estimate in an open snapshot: the domain's estimate, by the basis's algorithm version, over the versions held at the basis. */
export async function estimateAt(s: Snapshot, metricKey: string, filters: EstimateFilters): Promise<MetricEstimate> {
  const read = await estimateRowsAt(s, metricKey);
  if (!read) throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${metricKey} is not registered (as of position ${s.basis.position})`, { metricKey, position: s.basis.position });
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
  const options = { excludeParties: filters.excludeParties ?? false, includeUnverified: filters.includeUnverified ?? false, asOf: s.validAt };
  const { asOf: _asOf, sources, ...estimate } = computeEstimateVersion(resolveAlgorithmVersion(s.basis.algorithmVersion), inputs, options);
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
    excludedSources: inputs.filter((i) => !kept.has(i.sourceId)).map((i) => i.sourceId).sort(),
    lastChange,
  } as MetricEstimate;
}
