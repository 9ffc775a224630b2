import { normaliseAmount, type Amount, type Citation, type FigureReportedData } from '@factledger/ledger-domain';
import { provenanceOf } from '../shared/event-metadata';
import type { NumberedEvent } from '../shared/ledger-cursor';
import type { Closure } from './figure-batch.changes';
import type { CitationRow, FigureVersionRow } from './figure-rows';

/** Row builders of the figures fold: pure, from one numbered event. */

export const amountColumns = (amount: Amount) => ({
  qualifier: amount.qualifier,
  value: 'value' in amount ? amount.value : null,
  low: 'low' in amount ? amount.low : null,
  high: 'high' in amount ? amount.high : null,
  point: normaliseAmount(amount).point,
});

/** What a report or a revision states about the figure's version it makes. */
export const statedColumns = (
  n: NumberedEvent,
  data: Pick<FigureReportedData, 'amount' | 'validAt' | 'statedAt' | 'method' | 'scopeNote' | 'citation'>,
) => ({
  ...amountColumns(data.amount),
  valid_at: data.validAt.date,
  valid_precision: data.validAt.precision,
  stated_at: data.statedAt,
  method: data.method,
  scope_note: data.scopeNote,
  report_id: data.citation.reportId,
  version_position: n.logged.position,
  version_recorded_at: n.recordedAt,
  recorded_by: provenanceOf(n.logged).actor,
  quote: data.citation.quote,
  quote_offset: data.citation.offset,
});

/** The belief period this event opens. */
export const openedAt = (n: NumberedEvent) => ({ recorded_from: n.seq, recorded_from_position: n.logged.position, recorded_from_at: n.recordedAt });

/** Where this event ends a belief period. */
export const closedAt = (n: NumberedEvent) => ({ recorded_to: n.seq, recorded_to_position: n.logged.position, recorded_to_at: n.recordedAt });

/** Why and by whom this event ends a belief period. */
export const closure = (n: NumberedEvent, by: NonNullable<Closure['closed_by']>, byVersion: number | null, reason: string): Closure => ({
  ...closedAt(n),
  closed_by: by,
  closed_by_version: byVersion,
  closed_actor: provenanceOf(n.logged).actor,
  closed_reason: reason,
});

/** What every version row of a figure repeats: the figure's identity. */
export type FigureIdentity = Pick<FigureVersionRow, 'figure_id' | 'metric_key' | 'source_id' | 'unit'>;

/** The version row this event opens, from the figure's identity and what the event states. */
export function versionRow(
  n: NumberedEvent,
  current: FigureIdentity & ReturnType<typeof statedColumns>,
  v: { version: number; kind: FigureVersionRow['kind']; revises: number | null; reason: string | null; citation: Citation },
): FigureVersionRow {
  const provenance = provenanceOf(n.logged);
  return {
    figure_id: current.figure_id,
    version: v.version,
    ...openedAt(n),
    recorded_to: null,
    valid_at: current.valid_at,
    valid_to: null,
    valid_precision: current.valid_precision,
    metric_key: current.metric_key,
    source_id: current.source_id,
    unit: current.unit,
    kind: v.kind,
    revises: v.revises,
    qualifier: current.qualifier,
    value: current.value,
    low: current.low,
    high: current.high,
    point: current.point,
    stated_at: current.stated_at,
    method: current.method,
    scope_note: current.scope_note,
    report_id: v.citation.reportId,
    quote: v.citation.quote,
    quote_offset: v.citation.offset,
    reason: v.reason,
    version_seq: n.seq,
    version_position: n.logged.position,
    version_recorded_at: n.recordedAt,
    recorded_by: provenance.actor,
    recorded_reason: provenance.reason,
    request_id: provenance.requestId,
    recorded_to_position: null,
    recorded_to_at: null,
    closed_by: null,
    closed_by_version: null,
    closed_actor: null,
    closed_reason: null,
  };
}

/** The same version believed anew from this event (its valid range is then narrowed by the caller). */
export function reopened(row: FigureVersionRow, n: NumberedEvent): FigureVersionRow {
  return {
    ...row,
    ...openedAt(n),
    recorded_to: null,
    recorded_to_position: null,
    recorded_to_at: null,
    closed_by: null,
    closed_by_version: null,
    closed_actor: null,
    closed_reason: null,
  };
}

export function citationRow(
  n: NumberedEvent,
  figureId: string,
  kind: CitationRow['kind'],
  version: number | null,
  citation: Citation,
  citedBy: string | null,
): CitationRow {
  return {
    seq: n.seq,
    report_id: citation.reportId,
    figure_id: figureId,
    kind,
    version,
    quote: citation.quote,
    quote_offset: citation.offset,
    cited_by_source_id: citedBy,
    position: n.logged.position,
    recorded_at: n.recordedAt,
    recorded_by: provenanceOf(n.logged).actor,
  };
}
