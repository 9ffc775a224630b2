import {
  isFigureEvent,
  type Citation,
  type FigureCorroboratedData,
  type FigureReportedData,
  type FigureRetractedData,
  type FigureRevisedData,
  type MetricRegisteredData,
} from '@factledger/ledger-domain';
import { assertNever } from '@factledger/shared';
import type { SeqEvent } from '../shared/ledger-cursor';
import { noFigureChanges, type FigureBatchChanges, type StoredFigureState } from './figure-batch.changes';
import type { CitationRow, FigureVersionRow, MetricSourceRow } from './figure-rows';
import { citationRow, closure, openedAt, reopened, statedColumns, versionRow, type FigureIdentity } from './figure-version-rows';
import { SourceFlagsFold } from './source-flags.fold';

export type { FigureBatchChanges, StoredFigure, StoredFigureState, StoredVersionOps } from './figure-batch.changes';

interface WorkingFigure {
  identity: FigureIdentity;
  active: boolean;
  /** Open rows made in this batch (inserted at the end, already closed if closed meanwhile). */
  open: FigureVersionRow[];
  /** Stored before the batch. */
  stored: boolean;
  /** The version whose stored row with an open valid range is still held (null once replaced). */
  storedCurrentVersion: number | null;
}

/**
 * Folds one batch in log order, so several events of one figure within the
 * batch apply in order, into final row changes. (Each stream's events in
 * stream order are enough: a figure's rows depend on its own stream only, a
 * source's flags on its own; a metric–source pair keeps its smallest seq.) Pure: the caller loads the
 * stored state of the touched figures first and writes the changes after.
 * Events the write side would never produce for the state (a revision of an
 * unknown figure, a second retraction) are ignored, as the domain's evolve does.
 */
export function foldFigureBatch(events: readonly SeqEvent[], stored: StoredFigureState): FigureBatchChanges {
  return new FigureBatchFold(stored).run(events);
}

/** Figure ids whose stored state the batch needs: touched, but not reported within the batch. */
export function figuresToLoad(events: readonly SeqEvent[]): string[] {
  const reportedHere = new Set<string>();
  const needed = new Set<string>();
  for (const { event } of events) {
    if (!event || !isFigureEvent(event)) continue;
    if (event.type === 'figure.reported.v1') reportedHere.add(event.data.figureId);
    else if (!reportedHere.has(event.data.figureId)) needed.add(event.data.figureId);
  }
  return [...needed];
}

class FigureBatchFold {
  private readonly figures = new Map<string, WorkingFigure>();
  private readonly changes = noFigureChanges();
  private readonly pairs = new Map<string, MetricSourceRow>();
  private readonly sources: SourceFlagsFold;

  constructor(stored: StoredFigureState) {
    for (const [figureId, { active, version, ...identity }] of stored.figures) {
      this.figures.set(figureId, { identity, active, open: [], stored: true, storedCurrentVersion: active ? version : null });
    }
    this.sources = new SourceFlagsFold(stored.sourceParties);
  }

  run(events: readonly SeqEvent[]): FigureBatchChanges {
    for (const n of events) this.fold(n);
    this.changes.partyInserts.push(...this.sources.inserts);
    this.changes.partyClosures.push(...this.sources.closures);
    return this.changes;
  }

  /** Every ledger event type is decided here: a new one does not compile until it is. */
  private fold(n: SeqEvent): void {
    const { event } = n;
    if (event === null) return; // not a ledger event (API keys, review decisions): it only took a seq
    switch (event.type) {
      case 'figure.reported.v1':
        return this.reported(n, event.data);
      case 'figure.revised.v1':
        return this.revised(n, event.data);
      case 'figure.corroborated.v1':
        return this.corroborated(n, event.data);
      case 'figure.retracted.v1':
        return this.retracted(n, event.data);
      case 'source.registered.v1':
        return this.sources.registered(n, event.data);
      case 'source.updated.v1':
        return this.sources.updated(n, event.data);
      case 'metric.registered.v1':
        return this.metricRegistered(n, event.data);
      case 'metric.updated.v1': // label, aliases, patterns: the catalog's; the unit never changes
      case 'report.registered.v2': // reports are the catalog's; figures cite them by id
      case 'report.updated.v1':
        return;
      default:
        return assertNever(event, 'ledger event');
    }
  }

  private reported(n: SeqEvent, data: FigureReportedData): void {
    if (this.figures.has(data.figureId)) return;
    const identity: FigureIdentity = { figure_id: data.figureId, metric_key: data.metricKey, source_id: data.sourceId, unit: data.unit };
    const figure: WorkingFigure = { identity, active: true, open: [], stored: false, storedCurrentVersion: null };
    this.figures.set(data.figureId, figure);
    const pair = `${data.metricKey}\u0000${data.sourceId}`;
    const seen = this.pairs.get(pair);
    // The pair's smallest seq, even when streams come one after another rather than in log order (figures-fill.ts).
    if (seen && BigInt(n.seq) < BigInt(seen.first_seq)) seen.first_seq = n.seq;
    if (!seen) {
      const row = { metric_key: data.metricKey, source_id: data.sourceId, first_seq: n.seq };
      this.pairs.set(pair, row);
      this.changes.metricSources.push(row);
    }
    this.openRow(
      figure,
      versionRow(n, identity, statedColumns(n, data), { version: 1, kind: 'reported', revises: null, reason: null, citation: data.citation }),
    );
  }

  private revised(n: SeqEvent, data: FigureRevisedData): void {
    const figure = this.figures.get(data.figureId);
    if (!figure?.active) return;
    const why = closure(n, data.kind, data.revision, data.reason);
    if (figure.storedCurrentVersion === data.revises) {
      // The replaced version's row is stored: copy (an update) and close it in SQL.
      if (data.kind === 'update') {
        const { recorded_from, recorded_from_position, recorded_from_at } = openedAt(n);
        this.changes.stored.copies.push({
          figure_id: data.figureId,
          version: data.revises,
          recorded_from,
          recorded_from_position,
          recorded_from_at,
          valid_to: data.validAt.date,
        });
      }
      this.changes.stored.closes.push({ figure_id: data.figureId, version: data.revises, ...why });
      figure.storedCurrentVersion = null;
    } else {
      const replaced = figure.open.find((row) => row.version === data.revises && row.valid_to === null);
      if (!replaced) return;
      Object.assign(replaced, why);
      figure.open = figure.open.filter((row) => row !== replaced);
      // An update leaves the replaced version true for its own dates, up to the new one.
      if (data.kind === 'update') this.openRow(figure, reopened(replaced, n, data.validAt.date));
    }
    this.openRow(
      figure,
      versionRow(n, figure.identity, statedColumns(n, data), {
        version: data.revision,
        kind: data.kind,
        revises: data.revises,
        reason: data.reason,
        citation: data.citation,
      }),
    );
  }

  private corroborated(n: SeqEvent, data: FigureCorroboratedData): void {
    if (!this.figures.has(data.figureId)) return;
    this.cite(n, data.figureId, 'corroboration', data.citation, data.sourceId);
  }

  private retracted(n: SeqEvent, data: FigureRetractedData): void {
    const figure = this.figures.get(data.figureId);
    if (!figure?.active) return;
    const why = closure(n, 'retraction', null, data.reason);
    for (const row of figure.open) Object.assign(row, why);
    figure.open = [];
    if (figure.stored) this.changes.stored.retractions.push({ figure_id: data.figureId, ...why });
    figure.storedCurrentVersion = null;
    figure.active = false;
    if (data.citation) this.cite(n, data.figureId, 'retraction', data.citation, null);
  }

  private metricRegistered(n: SeqEvent, data: MetricRegisteredData): void {
    this.changes.metrics.push({
      metric_key: data.key,
      unit: data.unit,
      registered_seq: n.seq,
      registered_position: n.logged.position,
      registered_at: n.recordedAt,
    });
  }

  /** A version's citation is its row's (versionCitations in figures.tables.ts): only the others are written. */
  private cite(n: SeqEvent, figureId: string, kind: Exclude<CitationRow['kind'], 'version'>, citation: Citation, citedBy: string | null): void {
    this.changes.citations.push(citationRow(n, figureId, kind, null, citation, citedBy));
  }

  private openRow(figure: WorkingFigure, row: FigureVersionRow): void {
    figure.open.push(row);
    this.changes.versionInserts.push(row);
  }
}
