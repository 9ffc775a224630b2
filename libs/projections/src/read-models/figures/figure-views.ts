import { normaliseAmount, parseAmount, type Amount, type ValidAtPrecision } from '@factledger/ledger-domain';
import type { ColumnSpec } from '../shared/batch-rows';
import { FIGURE_VERSION_COLUMNS, type CitationRow, type FigureVersionRow } from './figure-rows';

/** The amount as reported, rebuilt from its stored bounds. */
export const amountOf = (row: Pick<FigureVersionRow, 'qualifier' | 'value' | 'low' | 'high'>): Amount =>
  parseAmount({ qualifier: row.qualifier, value: row.value, low: row.low, high: row.high });

/** A figure as the ledger held it at the basis, for the dates asked. */
export interface FigureAtBasis {
  figureId: string;
  metricKey: string;
  sourceId: string;
  unit: string;
  version: number;
  kind: FigureVersionRow['kind'];
  amount: Amount;
  /** point/low/high as the estimate uses them. */
  normalised: { point: number; low: number | null; high: number | null };
  validAt: { date: string; precision: ValidAtPrecision };
  /** The date a later update of the same figure takes over; null when none (yet). */
  validUntil: string | null;
  statedAt: string | null;
  method: string;
  scopeNote: string | null;
  citation: { reportId: string; quote: string; offset: number | null };
  recorded: { position: string; recordedAt: string; by: string | null };
}

/** What a figure list needs of a row (a version row, a current one on the current path). */
export type FigureListRow = Pick<
  FigureVersionRow,
  | 'figure_id'
  | 'metric_key'
  | 'source_id'
  | 'unit'
  | 'version'
  | 'kind'
  | 'qualifier'
  | 'value'
  | 'low'
  | 'high'
  | 'valid_at'
  | 'valid_to'
  | 'valid_precision'
  | 'stated_at'
  | 'method'
  | 'scope_note'
  | 'report_id'
  | 'quote'
  | 'quote_offset'
  | 'version_position'
  | 'version_recorded_at'
  | 'recorded_by'
>;

export const FIGURE_LIST_COLUMNS = Object.fromEntries(
  (
    [
      'figure_id',
      'metric_key',
      'source_id',
      'unit',
      'version',
      'kind',
      'qualifier',
      'value',
      'low',
      'high',
      'valid_at',
      'valid_to',
      'valid_precision',
      'stated_at',
      'method',
      'scope_note',
      'report_id',
      'quote',
      'quote_offset',
      'version_position',
      'version_recorded_at',
      'recorded_by',
    ] as const
  ).map((c) => [c, FIGURE_VERSION_COLUMNS[c]]),
) as ColumnSpec<FigureListRow>;

export function figureAtBasis(row: FigureListRow): FigureAtBasis {
  const amount = amountOf(row);
  return {
    figureId: row.figure_id,
    metricKey: row.metric_key,
    sourceId: row.source_id,
    unit: row.unit,
    version: row.version,
    kind: row.kind,
    amount,
    normalised: normaliseAmount(amount),
    validAt: { date: row.valid_at, precision: row.valid_precision as ValidAtPrecision },
    validUntil: row.valid_to,
    statedAt: row.stated_at,
    method: row.method,
    scopeNote: row.scope_note,
    citation: { reportId: row.report_id, quote: row.quote, offset: row.quote_offset },
    recorded: { position: row.version_position, recordedAt: row.version_recorded_at, by: row.recorded_by },
  };
}

/** One belief period of a version, cut at the basis: what was not known then is not shown. */
export interface BeliefPeriod {
  recorded: { fromPosition: string; fromRecordedAt: string; toPosition: string | null; toRecordedAt: string | null };
  valid: { from: string; to: string | null };
  /** What ended the period (before the basis); null while it lasts. */
  closedBy: {
    kind: 'update' | 'correction' | 'retraction';
    version: number | null;
    position: string;
    actor: string | null;
    reason: string | null;
  } | null;
  /** Held at the basis and covering its validAt. */
  atBasis: boolean;
}

export function beliefPeriod(row: FigureVersionRow, seq: bigint, validAt: string): BeliefPeriod {
  const closed = row.recorded_to !== null && BigInt(row.recorded_to) <= seq;
  const held = !closed;
  return {
    recorded: {
      fromPosition: row.recorded_from_position,
      fromRecordedAt: row.recorded_from_at,
      toPosition: closed ? row.recorded_to_position : null,
      toRecordedAt: closed ? row.recorded_to_at : null,
    },
    valid: { from: row.valid_at, to: row.valid_to },
    closedBy: closed
      ? {
          kind: row.closed_by!,
          version: row.closed_by_version,
          position: row.recorded_to_position!,
          actor: row.closed_actor,
          reason: row.closed_reason,
        }
      : null,
    atBasis: held && row.valid_at <= validAt && (row.valid_to === null || validAt < row.valid_to),
  };
}

export interface CitationView {
  figureId: string;
  kind: CitationRow['kind'];
  version: number | null;
  quote: string;
  offset: number | null;
  citedBySourceId: string | null;
  recorded: { position: string; recordedAt: string; by: string | null };
}

export const citationView = (row: CitationRow): CitationView => ({
  figureId: row.figure_id,
  kind: row.kind,
  version: row.version,
  quote: row.quote,
  offset: row.quote_offset,
  citedBySourceId: row.cited_by_source_id,
  recorded: { position: row.position, recordedAt: row.recorded_at, by: row.recorded_by },
});
