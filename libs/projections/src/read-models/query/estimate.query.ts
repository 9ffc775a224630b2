import { computeEstimate, LedgerErrorCodes, type Estimate, type EstimateInput, type EstimateSourceRow, type ValidAtPrecision } from '@factledger/ledger-domain';
import { notFound } from '@factledger/shared';
import { estimateRowsAt } from '../figures/estimate.repository';
import { amountOf } from '../figures/figure-views';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import type { Basis, ReadRequest } from './basis';
import { readAt, type ReadContext, type Snapshot } from './read-snapshot';

export interface MetricEstimate extends Omit<Estimate, 'asOf' | 'sources'> {
  metricKey: string;
  unit: string;
  /** Each retained figure with the version used and the report and quote that state it. */
  sources: (EstimateSourceRow & { version: number; citation: EstimateCitation })[];
  /** Sources left out because they are party to the conflict (with excludeParties). */
  excludedSources: string[];
  /** The last event at or before the basis that changed what the ledger held about this metric's figures. */
  lastChange: { position: string; recordedAt: string } | null;
}

export interface EstimateCitation {
  reportId: string;
  quote: string;
  offset: number | null;
}

export async function metricEstimate(
  ctx: ReadContext,
  metricKey: string,
  request: ReadRequest,
  options: { excludeParties?: boolean } = {},
): Promise<{ data: MetricEstimate; basis: Basis }> {
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], request, (s) => estimateAt(s, metricKey, options.excludeParties ?? false));
  return { data: result, basis };
}

/** The estimate in an open snapshot: the domain's computeEstimate over the versions held at the basis. */
export async function estimateAt(s: Snapshot, metricKey: string, excludeParties: boolean): Promise<MetricEstimate> {
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
  }));
  const { asOf: _asOf, sources, ...estimate } = computeEstimate(inputs, { excludeParties, asOf: s.validAt });
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
  };
}
