import {
  normaliseAmount,
  type Amount,
  type Citation,
  type FigureCorroboratedData,
  type FigureReportedData,
  type FigureRetractedData,
  type FigureRevisedData,
  type MetricRegisteredData,
  type SourceRegisteredData,
  type SourceUpdatedData,
} from '@factledger/ledger-domain';
import type { NumberedEvent } from '../shared/ledger-cursor';
import { provenanceOf } from '../shared/event-metadata';
import type { CitationRow, FigureCurrentRow, FigureMetricRow, FigureVersionRow, MetricSourceRow, SourcePartyClosure, SourcePartyRow } from './figure-rows';
import { SourceFlagsFold } from './source-flags.fold';

/**
 * What the batch needs of the stored model: the current rows of the figures
 * it touches (never their version rows: stored version rows are copied and
 * closed in SQL, see StoredVersionOps) and the open flags rows of sources it updates.
 */
export interface StoredFigureState {
  figures: ReadonlyMap<string, FigureCurrentRow>;
  sourceParties: ReadonlyMap<string, SourcePartyRow>;
}

type Closure = Pick<FigureVersionRow, 'recorded_to' | 'recorded_to_position' | 'recorded_to_at' | 'closed_by' | 'closed_by_version' | 'closed_actor' | 'closed_reason'>;

/**
 * Changes to version rows stored before the batch, applied in this order:
 * `copies` re-insert a stored open row believed anew from a seq with its valid
 * range ended (an update), `closes` end the stored open row of a version
 * whose valid range is still open (update or correction), `retractions` end
 * every stored open row of a figure, copies included.
 */
export interface StoredVersionOps {
  copies: { figure_id: string; version: number; recorded_from: string; recorded_from_position: string; recorded_from_at: string; valid_to: string }[];
  closes: ({ figure_id: string; version: number } & Closure)[];
  retractions: ({ figure_id: string } & Closure)[];
}

/** The batch's effect, written set-based: a few statements whatever the batch size. */
export interface FigureBatchChanges {
  stored: StoredVersionOps;
  /** New version rows (some already closed within the batch). */
  versionInserts: FigureVersionRow[];
  /** Current rows of figures first reported in the batch, and of stored figures it changed. */
  newCurrents: FigureCurrentRow[];
  currents: FigureCurrentRow[];
  citations: CitationRow[];
  partyInserts: SourcePartyRow[];
  partyClosures: SourcePartyClosure[];
  metrics: FigureMetricRow[];
  /** Metric–source pairs seen in the batch (first seq each); stored ones are kept as they are. */
  metricSources: MetricSourceRow[];
}

interface WorkingFigure {
  current: FigureCurrentRow;
  /** Open rows made in this batch (inserted at the end, already closed if closed meanwhile). */
  open: FigureVersionRow[];
  /** Stored before the batch. */
  stored: boolean;
  /** The version whose stored row with an open valid range is still held (null once replaced). */
  storedCurrentVersion: number | null;
}

const amountColumns = (amount: Amount) => ({
  qualifier: amount.qualifier,
  value: 'value' in amount ? amount.value : null,
  low: 'low' in amount ? amount.low : null,
  high: 'high' in amount ? amount.high : null,
  point: normaliseAmount(amount).point,
});

/**
 * Folds one batch in log order, so several events of one figure within the
 * batch apply in order, into final row changes. Pure: the caller loads the
 * stored state of the touched figures first and writes the changes after.
 * Events the write side would never produce for the state (a revision of an
 * unknown figure, a second retraction) are ignored, as the domain's evolve does.
 */
export function foldFigureBatch(events: readonly NumberedEvent[], stored: StoredFigureState): FigureBatchChanges {
  return new FigureBatchFold(stored).run(events);
}

/** Figure ids whose current rows the batch needs: touched, but not reported within the batch. */
export function figuresToLoad(events: readonly NumberedEvent[]): string[] {
  const reportedHere = new Set<string>();
  const needed = new Set<string>();
  for (const { event } of events) {
    if (!event.type.startsWith('figure.')) continue;
    const figureId = (event.data as { figureId: string }).figureId;
    if (event.type === 'figure.reported.v1') reportedHere.add(figureId);
    else if (!reportedHere.has(figureId)) needed.add(figureId);
  }
  return [...needed];
}

class FigureBatchFold {
  private readonly figures = new Map<string, WorkingFigure>();
  private readonly touched = new Set<string>();
  private readonly changes: FigureBatchChanges = {
    stored: { copies: [], closes: [], retractions: [] },
    versionInserts: [],
    newCurrents: [],
    currents: [],
    citations: [],
    partyInserts: [],
    partyClosures: [],
    metrics: [],
    metricSources: [],
  };
  private readonly pairs = new Set<string>();
  private readonly sources: SourceFlagsFold;

  constructor(stored: StoredFigureState) {
    for (const [figureId, current] of stored.figures) {
      const storedCurrentVersion = current.status === 'active' ? current.current_version : null;
      this.figures.set(figureId, { current: { ...current, cited_report_ids: [...current.cited_report_ids] }, open: [], stored: true, storedCurrentVersion });
    }
    this.sources = new SourceFlagsFold(stored.sourceParties);
  }

  run(events: readonly NumberedEvent[]): FigureBatchChanges {
    for (const numbered of events) {
      switch (numbered.event.type) {
        case 'figure.reported.v1':
          this.reported(numbered, numbered.event.data as FigureReportedData);
          break;
        case 'figure.revised.v1':
          this.revised(numbered, numbered.event.data as FigureRevisedData);
          break;
        case 'figure.corroborated.v1':
          this.corroborated(numbered, numbered.event.data as FigureCorroboratedData);
          break;
        case 'figure.retracted.v1':
          this.retracted(numbered, numbered.event.data as FigureRetractedData);
          break;
        case 'source.registered.v1':
          this.sources.registered(numbered, numbered.event.data as SourceRegisteredData);
          break;
        case 'source.updated.v1':
          this.sources.updated(numbered, numbered.event.data as SourceUpdatedData);
          break;
        case 'metric.registered.v1':
          this.metricRegistered(numbered, numbered.event.data as MetricRegisteredData);
          break;
        default:
          break; // other events only advance the seq
      }
    }
    for (const id of this.touched) {
      const figure = this.figures.get(id)!;
      (figure.stored ? this.changes.currents : this.changes.newCurrents).push(figure.current);
    }
    this.changes.partyInserts.push(...this.sources.inserts);
    this.changes.partyClosures.push(...this.sources.closures);
    return this.changes;
  }

  private reported(n: NumberedEvent, data: FigureReportedData): void {
    if (this.figures.has(data.figureId)) return;
    const { event } = n;
    const amount = amountColumns(data.amount);
    const current: FigureCurrentRow = {
      figure_id: data.figureId,
      metric_key: data.metricKey,
      source_id: data.sourceId,
      unit: data.unit,
      status: 'active',
      current_version: 1,
      kind: 'reported',
      ...amount,
      valid_at: data.validAt.date,
      valid_precision: data.validAt.precision,
      stated_at: data.statedAt,
      method: data.method,
      scope_note: data.scopeNote,
      report_id: data.citation.reportId,
      cited_report_ids: [data.citation.reportId],
      stream_version: event.streamVersion,
      first_position: event.position,
      last_position: event.position,
      recorded_at: n.recordedAt,
      updated_at: n.recordedAt,
      first_seq: n.seq,
      version_position: event.position,
      version_recorded_at: n.recordedAt,
      recorded_by: provenanceOf(event).actor,
      quote: data.citation.quote,
      quote_offset: data.citation.offset,
      retracted_seq: null,
      retracted_position: null,
      retracted_at: null,
      retraction_reason: null,
      retracted_by: null,
    };
    const figure: WorkingFigure = { current, open: [], stored: false, storedCurrentVersion: null };
    this.figures.set(data.figureId, figure);
    const pair = `${data.metricKey}\u0000${data.sourceId}`;
    if (!this.pairs.has(pair)) {
      this.pairs.add(pair);
      this.changes.metricSources.push({ metric_key: data.metricKey, source_id: data.sourceId, first_seq: n.seq });
    }
    this.touched.add(data.figureId);
    this.openRow(figure, this.versionRow(n, current, { version: 1, kind: 'reported', revises: null, reason: null, citation: data.citation }));
    this.cite(n, data.figureId, 'version', 1, data.citation, null);
  }

  private revised(n: NumberedEvent, data: FigureRevisedData): void {
    const figure = this.figures.get(data.figureId);
    if (!figure || figure.current.status !== 'active') return;
    const provenance = provenanceOf(n.event);
    const why: Closure = { ...this.closedAt(n), closed_by: data.kind, closed_by_version: data.revision, closed_actor: provenance.actor, closed_reason: data.reason };
    if (figure.storedCurrentVersion === data.revises) {
      // The replaced version's row is stored: copy (an update) and close it in SQL.
      if (data.kind === 'update') {
        this.changes.stored.copies.push({ figure_id: data.figureId, version: data.revises, ...this.opened(n), valid_to: data.validAt.date });
      }
      this.changes.stored.closes.push({ figure_id: data.figureId, version: data.revises, ...why });
      figure.storedCurrentVersion = null;
    } else {
      const replaced = figure.open.find((row) => row.version === data.revises && row.valid_to === null);
      if (!replaced) return;
      Object.assign(replaced, why);
      figure.open = figure.open.filter((row) => row !== replaced);
      // An update leaves the replaced version true for its own dates, up to the new one.
      if (data.kind === 'update') this.openRow(figure, { ...this.reopened(replaced, n), valid_to: data.validAt.date });
    }
    const current = figure.current;
    Object.assign(current, {
      current_version: data.revision,
      kind: data.kind,
      ...amountColumns(data.amount),
      valid_at: data.validAt.date,
      valid_precision: data.validAt.precision,
      stated_at: data.statedAt,
      method: data.method,
      scope_note: data.scopeNote,
      report_id: data.citation.reportId,
      version_position: n.event.position,
      version_recorded_at: n.recordedAt,
      recorded_by: provenance.actor,
      quote: data.citation.quote,
      quote_offset: data.citation.offset,
    } satisfies Partial<FigureCurrentRow>);
    this.touch(figure, n);
    this.openRow(figure, this.versionRow(n, current, { version: data.revision, kind: data.kind, revises: data.revises, reason: data.reason, citation: data.citation }));
    this.cite(n, data.figureId, 'version', data.revision, data.citation, null);
  }

  private corroborated(n: NumberedEvent, data: FigureCorroboratedData): void {
    const figure = this.figures.get(data.figureId);
    if (!figure) return;
    this.touch(figure, n);
    this.cite(n, data.figureId, 'corroboration', null, data.citation, data.sourceId);
  }

  private retracted(n: NumberedEvent, data: FigureRetractedData): void {
    const figure = this.figures.get(data.figureId);
    if (!figure || figure.current.status !== 'active') return;
    const provenance = provenanceOf(n.event);
    const why: Closure = { ...this.closedAt(n), closed_by: 'retraction', closed_by_version: null, closed_actor: provenance.actor, closed_reason: data.reason };
    for (const row of figure.open) Object.assign(row, why);
    figure.open = [];
    if (figure.stored) this.changes.stored.retractions.push({ figure_id: data.figureId, ...why });
    figure.storedCurrentVersion = null;
    Object.assign(figure.current, {
      status: 'retracted',
      retracted_seq: n.seq,
      retracted_position: n.event.position,
      retracted_at: n.recordedAt,
      retraction_reason: data.reason,
      retracted_by: provenance.actor,
    } satisfies Partial<FigureCurrentRow>);
    this.touch(figure, n);
    if (data.citation) this.cite(n, data.figureId, 'retraction', null, data.citation, null);
  }

  private metricRegistered(n: NumberedEvent, data: MetricRegisteredData): void {
    this.changes.metrics.push({ metric_key: data.key, unit: data.unit, registered_seq: n.seq, registered_position: n.event.position, registered_at: n.recordedAt });
  }

  private touch(figure: WorkingFigure, n: NumberedEvent): void {
    figure.current.stream_version = n.event.streamVersion;
    figure.current.last_position = n.event.position;
    figure.current.updated_at = n.recordedAt;
    this.touched.add(figure.current.figure_id);
  }

  private cite(n: NumberedEvent, figureId: string, kind: CitationRow['kind'], version: number | null, citation: Citation, citedBy: string | null): void {
    const figure = this.figures.get(figureId)!;
    // As the figure's state counts them: versions and corroborations, first citation first.
    if (kind !== 'retraction' && !figure.current.cited_report_ids.includes(citation.reportId)) {
      figure.current.cited_report_ids = [...figure.current.cited_report_ids, citation.reportId];
    }
    this.changes.citations.push({
      seq: n.seq,
      report_id: citation.reportId,
      figure_id: figureId,
      kind,
      version,
      quote: citation.quote,
      quote_offset: citation.offset,
      cited_by_source_id: citedBy,
      position: n.event.position,
      recorded_at: n.recordedAt,
      recorded_by: provenanceOf(n.event).actor,
    });
  }

  private versionRow(
    n: NumberedEvent,
    current: FigureCurrentRow,
    v: { version: number; kind: FigureVersionRow['kind']; revises: number | null; reason: string | null; citation: Citation },
  ): FigureVersionRow {
    const provenance = provenanceOf(n.event);
    return {
      figure_id: current.figure_id,
      version: v.version,
      ...this.opened(n),
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
      version_position: n.event.position,
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

  private opened(n: NumberedEvent) {
    return { recorded_from: n.seq, recorded_from_position: n.event.position, recorded_from_at: n.recordedAt };
  }

  private closedAt(n: NumberedEvent) {
    return { recorded_to: n.seq, recorded_to_position: n.event.position, recorded_to_at: n.recordedAt };
  }

  /** The same version believed anew from this event (its valid range is then narrowed by the caller). */
  private reopened(row: FigureVersionRow, n: NumberedEvent): FigureVersionRow {
    return {
      ...row,
      ...this.opened(n),
      recorded_to: null,
      recorded_to_position: null,
      recorded_to_at: null,
      closed_by: null,
      closed_by_version: null,
      closed_actor: null,
      closed_reason: null,
    };
  }

  private openRow(figure: WorkingFigure, row: FigureVersionRow): void {
    figure.open.push(row);
    this.changes.versionInserts.push(row);
  }
}
