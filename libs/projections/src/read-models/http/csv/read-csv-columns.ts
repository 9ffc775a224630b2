import type { Amount } from '@factledger/ledger-domain';
import type { FigureAtBasis } from '../../figures/figure-views';
import type { MetricEstimate } from '../../query/estimate.query';
import type { CsvColumn } from './csv-export';

/**
 * The CSV columns of the figure list and of the estimate's sources table.
 * Their names are part of the API: add columns at the end, never rename.
 * An amount spreads over qualifier/value/low/high, each bound in its own
 * column (empty when the qualifier has none).
 */
const amountColumns = <T>(of: (row: T) => Amount): CsvColumn<T>[] => [
  { name: 'qualifier', kind: 'text', of: (r) => of(r).qualifier },
  { name: 'value', kind: 'number', of: (r) => valueOf(of(r)) },
  { name: 'low', kind: 'number', of: (r) => lowOf(of(r)) },
  { name: 'high', kind: 'number', of: (r) => highOf(of(r)) },
];
const valueOf = (a: Amount) => ('value' in a ? a.value : null);
const lowOf = (a: Amount) => ('low' in a ? a.low : null);
const highOf = (a: Amount) => ('high' in a ? a.high : null);

export const FIGURE_CSV_COLUMNS: readonly CsvColumn<FigureAtBasis>[] = [
  { name: 'figure_id', kind: 'text', of: (f) => f.figureId },
  { name: 'metric_key', kind: 'text', of: (f) => f.metricKey },
  { name: 'source_id', kind: 'text', of: (f) => f.sourceId },
  { name: 'unit', kind: 'text', of: (f) => f.unit },
  { name: 'version', kind: 'number', of: (f) => f.version },
  { name: 'kind', kind: 'text', of: (f) => f.kind },
  ...amountColumns<FigureAtBasis>((f) => f.amount),
  { name: 'normalised_point', kind: 'number', of: (f) => f.normalised.point },
  { name: 'normalised_low', kind: 'number', of: (f) => f.normalised.low },
  { name: 'normalised_high', kind: 'number', of: (f) => f.normalised.high },
  { name: 'valid_at', kind: 'text', of: (f) => f.validAt.date },
  { name: 'valid_at_precision', kind: 'text', of: (f) => f.validAt.precision },
  { name: 'valid_until', kind: 'text', of: (f) => f.validUntil },
  { name: 'stated_at', kind: 'text', of: (f) => f.statedAt },
  { name: 'method', kind: 'text', of: (f) => f.method },
  { name: 'scope_note', kind: 'text', of: (f) => f.scopeNote },
  { name: 'report_id', kind: 'text', of: (f) => f.citation.reportId },
  { name: 'quote', kind: 'text', of: (f) => f.citation.quote },
  { name: 'quote_offset', kind: 'number', of: (f) => f.citation.offset },
  { name: 'recorded_position', kind: 'number', of: (f) => f.recorded.position },
  { name: 'recorded_at', kind: 'text', of: (f) => f.recorded.recordedAt },
  { name: 'recorded_by', kind: 'text', of: (f) => f.recorded.by },
];

type EstimateSource = MetricEstimate['sources'][number];

export const ESTIMATE_SOURCE_CSV_COLUMNS: readonly CsvColumn<EstimateSource>[] = [
  { name: 'source_id', kind: 'text', of: (s) => s.sourceId },
  { name: 'figure_id', kind: 'text', of: (s) => s.figureId },
  { name: 'version', kind: 'number', of: (s) => s.version },
  { name: 'party_to_conflict', kind: 'boolean', of: (s) => s.partyToConflict },
  // Version 1 does not verify sources: empty there.
  { name: 'verified', kind: 'boolean', of: (s) => ('verified' in s ? s.verified : null) },
  ...amountColumns<EstimateSource>((s) => s.amount),
  { name: 'point', kind: 'number', of: (s) => s.point },
  { name: 'point_low', kind: 'number', of: (s) => s.low },
  { name: 'point_high', kind: 'number', of: (s) => s.high },
  { name: 'valid_at', kind: 'text', of: (s) => s.validAt.date },
  { name: 'valid_at_precision', kind: 'text', of: (s) => s.validAt.precision },
  { name: 'report_id', kind: 'text', of: (s) => s.citation.reportId },
  { name: 'quote', kind: 'text', of: (s) => s.citation.quote },
  { name: 'quote_offset', kind: 'number', of: (s) => s.citation.offset },
  { name: 'recorded_position', kind: 'number', of: (s) => s.recordedPosition },
  { name: 'recorded_at', kind: 'text', of: (s) => s.recordedAt },
];
