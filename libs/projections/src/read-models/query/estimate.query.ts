import { LedgerErrorCodes, type Estimate, type EstimateSourceRow, type EstimateV2 } from '@factledger/ledger-domain';
import { invalid, notFound } from '@factledger/shared';
import { estimateRowsAt } from '../figures/estimate.repository';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { QueryErrorCodes, resolveAlgorithmVersion, type Basis, type ReadRequest } from './basis';
import { estimateFromRows } from './estimate-fold';
import { keptHeadEstimate } from './head-estimate.query';
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

/**
 * The estimate at the request's basis: a head estimate for today from the
 * figures model's kept row when there is one (keptHeadEstimate), else computed.
 */
export async function metricEstimate(
  ctx: ReadContext,
  metricKey: string,
  request: ReadRequest,
  filters: EstimateFilters = {},
): Promise<{ data: MetricEstimate; basis: Basis }> {
  assertFilters(request, filters);
  const kept = await keptHeadEstimate(ctx, metricKey, request, filters);
  if (kept.answer) return { data: kept.answer.data, basis: estimateBasis(kept.answer.basis, filters) };
  return computedEstimate(ctx, metricKey, kept.rest, filters);
}

/** The estimate computed from the model's tables in one snapshot (what a kept row must equal). */
export async function computedEstimate(
  ctx: ReadContext,
  metricKey: string,
  request: ReadRequest,
  filters: EstimateFilters = {},
): Promise<{ data: MetricEstimate; basis: Basis }> {
  assertFilters(request, filters);
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], request, (s) => estimateAt(s, metricKey, filters));
  return { data: result, basis: estimateBasis(basis, filters) };
}

function assertFilters(request: ReadRequest, filters: EstimateFilters): void {
  if (resolveAlgorithmVersion(request.algorithmVersion) === 1 && filters.includeUnverified !== undefined) {
    throw invalid(
      QueryErrorCodes.filterUnavailable,
      'includeUnverified is a filter of estimate algorithm version 2 on; version 1 counts every source',
      {
        field: 'includeUnverified',
        reason: 'needs algorithmVersion 2 or later',
      },
    );
  }
}

/** Version 1's basis is as it always was; from version 2 on it names the filters too. */
export const estimateBasis = (basis: Basis, filters: EstimateFilters): Basis =>
  basis.algorithmVersion === 1
    ? basis
    : { ...basis, excludeParties: filters.excludeParties ?? false, includeUnverified: filters.includeUnverified ?? false };

/** The estimate in an open snapshot: the domain's estimate, by the basis's algorithm version, over the versions held at the basis. */
export async function estimateAt(s: Snapshot, metricKey: string, filters: EstimateFilters): Promise<MetricEstimate> {
  const read = await estimateRowsAt(s, metricKey);
  if (!read)
    throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${metricKey} is not registered (as of position ${s.basis.position})`, {
      metricKey,
      position: s.basis.position,
    });
  return estimateFromRows(metricKey, read, resolveAlgorithmVersion(s.basis.algorithmVersion), filters, s.validAt);
}
