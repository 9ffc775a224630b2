import { normaliseAmount, type Amount, type Citation, type FigureReportedData } from '@factledger/ledger-domain';
import { provenanceOf } from '../shared/event-metadata';
import type { SeqEvent } from '../shared/ledger-cursor';
import type { Closure } from './figure-batch.changes';
import type { CitationRow, FigureVersionRow } from './figure-rows';

/**
 * Row builders of the figures fold: pure, from one numbered event. Each builds
 * its object in one literal, without spreading another object first: V8 adds
 * properties after a spread one by one through its slow path (measured: 20–50
 * µs per row instead of < 1 µs), which made the fold a third of a catch-up.
 */

/** What a report or a revision states about the figure's version it makes. */
export type StatedColumns = Pick<
  FigureVersionRow,
  | 'qualifier'
  | 'value'
  | 'low'
  | 'high'
  | 'point'
  | 'valid_at'
  | 'valid_precision'
  | 'stated_at'
  | 'method'
  | 'scope_note'
  | 'report_id'
  | 'version_position'
  | 'version_recorded_at'
  | 'recorded_by'
  | 'quote'
  | 'quote_offset'
>;

export const statedColumns = (
  n: SeqEvent,
  data: Pick<FigureReportedData, 'amount' | 'validAt' | 'statedAt' | 'method' | 'scopeNote' | 'citation'>,
): StatedColumns => {
  const amount: Amount = data.amount;
  return {
    qualifier: amount.qualifier,
    value: 'value' in amount ? amount.value : null,
    low: 'low' in amount ? amount.low : null,
    high: 'high' in amount ? amount.high : null,
    point: normaliseAmount(amount).point,
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
  };
};

/** The belief period this event opens. */
export const openedAt = (n: SeqEvent) => ({ recorded_from: n.seq, recorded_from_position: n.logged.position, recorded_from_at: n.recordedAt });

/** Why and by whom this event ends a belief period. */
export const closure = (n: SeqEvent, by: NonNullable<Closure['closed_by']>, byVersion: number | null, reason: string): Closure => ({
  recorded_to: n.seq,
  recorded_to_position: n.logged.position,
  recorded_to_at: n.recordedAt,
  closed_by: by,
  closed_by_version: byVersion,
  closed_actor: provenanceOf(n.logged).actor,
  closed_reason: reason,
});

/** What every version row of a figure repeats: the figure's identity. */
export type FigureIdentity = Pick<FigureVersionRow, 'figure_id' | 'metric_key' | 'source_id' | 'unit'>;

/** The version row this event opens, from the figure's identity and what the event states. */
export function versionRow(
  n: SeqEvent,
  identity: FigureIdentity,
  stated: StatedColumns,
  v: { version: number; kind: FigureVersionRow['kind']; revises: number | null; reason: string | null; citation: Citation },
): FigureVersionRow {
  const provenance = provenanceOf(n.logged);
  return {
    figure_id: identity.figure_id,
    version: v.version,
    recorded_from: n.seq,
    recorded_from_position: n.logged.position,
    recorded_from_at: n.recordedAt,
    recorded_to: null,
    valid_at: stated.valid_at,
    valid_to: null,
    valid_precision: stated.valid_precision,
    metric_key: identity.metric_key,
    source_id: identity.source_id,
    unit: identity.unit,
    kind: v.kind,
    revises: v.revises,
    qualifier: stated.qualifier,
    value: stated.value,
    low: stated.low,
    high: stated.high,
    point: stated.point,
    stated_at: stated.stated_at,
    method: stated.method,
    scope_note: stated.scope_note,
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

/** The same version believed anew from this event, valid up to `validTo` (an update narrows the replaced version's dates). */
export function reopened(row: FigureVersionRow, n: SeqEvent, validTo: string): FigureVersionRow {
  const copy = { ...row }; // every key exists already: only values change, no property is added
  copy.recorded_from = n.seq;
  copy.recorded_from_position = n.logged.position;
  copy.recorded_from_at = n.recordedAt;
  copy.recorded_to = null;
  copy.recorded_to_position = null;
  copy.recorded_to_at = null;
  copy.closed_by = null;
  copy.closed_by_version = null;
  copy.closed_actor = null;
  copy.closed_reason = null;
  copy.valid_to = validTo;
  return copy;
}

export function citationRow(
  n: SeqEvent,
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

/**
 * A bulk batch's new version rows in key order (figure_id, version,
 * recorded_from), as its COPY inserts them into the key's index: a random
 * order (figure ids are uuids) descends to a different leaf for every row.
 * Only the rows' physical order changes; every query orders what it returns.
 */
export const byVersionKey = (rows: FigureVersionRow[]): FigureVersionRow[] =>
  rows.sort((a, b) => byFigureAndVersion(a, b) || bySeq(a.recorded_from, b.recorded_from));

/** Two seqs (decimal strings without leading zeros) compared as numbers, without parsing them (a sort compares often). */
const bySeq = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Figure id, then version: the leading columns of the version key. */
export const byFigureAndVersion = (a: { figure_id: string; version: number }, b: { figure_id: string; version: number }): number =>
  a.figure_id !== b.figure_id ? (a.figure_id < b.figure_id ? -1 : 1) : a.version - b.version;
