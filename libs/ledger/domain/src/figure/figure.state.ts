import { assertNever } from '@factledger/shared';
import type { Amount } from './amount';
import type { Citation } from './citation';
import type { FigureEvent } from './figure.events';
import type { FigureMethod } from './figure.fields';
import type { ValidAt } from './valid-at';

export type FigureVersionKind = 'reported' | 'correction' | 'update';

/** One version of the figure; version 1 is the original report. */
export interface FigureVersion {
  version: number;
  kind: FigureVersionKind;
  /** The version this one replaces; null for the original report. */
  revises: number | null;
  amount: Amount;
  validAt: ValidAt;
  statedAt: string | null;
  citation: Citation;
  method: FigureMethod;
  scopeNote: string | null;
  /** Why it was revised; null for the original report. */
  reason: string | null;
}

export interface Corroboration {
  citation: Citation;
  sourceId: string | null;
}

export interface Retraction {
  reason: string;
  citation: Citation | null;
}

interface RecordedFigure {
  figureId: string;
  metricKey: string;
  sourceId: string;
  unit: string;
  currentVersion: number;
  /** Oldest first; `versions[currentVersion - 1]` is the current one. */
  versions: FigureVersion[];
  corroborations: Corroboration[];
  /** Reports cited by any version or corroboration, first citation first, no duplicates. */
  citedReportIds: string[];
}

export interface ActiveFigure extends RecordedFigure {
  status: 'active';
  retraction: null;
}

export interface RetractedFigure extends RecordedFigure {
  status: 'retracted';
  retraction: Retraction;
}

export type FigureState = { status: 'empty' } | ActiveFigure | RetractedFigure;

export const initialFigureState = (): FigureState => ({ status: 'empty' });

export const currentVersionOf = (figure: ActiveFigure | RetractedFigure): FigureVersion => figure.versions[figure.currentVersion - 1];

const cite = (ids: string[], reportId: string) => (ids.includes(reportId) ? ids : [...ids, reportId]);

export const evolveFigure = (state: FigureState, event: FigureEvent): FigureState => {
  switch (event.type) {
    case 'figure.reported.v1': {
      const { figureId, metricKey, sourceId, unit, ...version } = event.data;
      return {
        status: 'active',
        figureId,
        metricKey,
        sourceId,
        unit,
        currentVersion: 1,
        versions: [{ version: 1, kind: 'reported', revises: null, ...version, reason: null }],
        corroborations: [],
        citedReportIds: [version.citation.reportId],
        retraction: null,
      };
    }
    case 'figure.revised.v1': {
      // Events that decide would never produce on this state are ignored, not fatal to a replay.
      if (state.status === 'empty') return state;
      const { figureId: _figureId, revision, ...version } = event.data;
      return {
        ...state,
        currentVersion: revision,
        versions: [...state.versions, { version: revision, ...version }],
        citedReportIds: cite(state.citedReportIds, version.citation.reportId),
      };
    }
    case 'figure.corroborated.v1': {
      if (state.status === 'empty') return state;
      const { citation, sourceId } = event.data;
      return {
        ...state,
        corroborations: [...state.corroborations, { citation, sourceId }],
        citedReportIds: cite(state.citedReportIds, citation.reportId),
      };
    }
    case 'figure.retracted.v1': {
      if (state.status === 'empty') return state;
      const { reason, citation } = event.data;
      return { ...state, status: 'retracted', retraction: { reason, citation } };
    }
    default:
      return assertNever(event, 'figure event');
  }
};
