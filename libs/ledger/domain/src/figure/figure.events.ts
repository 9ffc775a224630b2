import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';
import type { Amount } from './amount';
import type { Citation } from './citation';
import type { FigureMethod, RevisionKind } from './figure.fields';
import type { ValidAt } from './valid-at';

export const FigureEventTypes = {
  reported: 'figure.reported.v1',
  revised: 'figure.revised.v1',
  corroborated: 'figure.corroborated.v1',
  retracted: 'figure.retracted.v1',
} as const;

/** A source reported a figure: version 1. */
export interface FigureReportedData {
  figureId: string;
  metricKey: string;
  sourceId: string;
  amount: Amount;
  /** Always the metric's unit at the time of reporting. */
  unit: string;
  validAt: ValidAt;
  statedAt: string | null;
  citation: Citation;
  method: FigureMethod;
  scopeNote: string | null;
}

/**
 * The same source revised its figure. `correction`: same validAt, the replaced
 * version was wrong. `update`: later validAt, the replaced version stays true
 * for its own date. Versions form a chain: `revises` is always the previous current version.
 */
export interface FigureRevisedData {
  figureId: string;
  revision: number;
  revises: number;
  kind: RevisionKind;
  amount: Amount;
  validAt: ValidAt;
  statedAt: string | null;
  citation: Citation;
  method: FigureMethod;
  scopeNote: string | null;
  reason: string;
}

/** Another report repeats the same claim; adds provenance, changes no value. */
export interface FigureCorroboratedData {
  figureId: string;
  citation: Citation;
  /** Who repeated the claim, if known (registered source). */
  sourceId: string | null;
}

/** The figure is withdrawn; it stays in history but no longer counts. */
export interface FigureRetractedData {
  figureId: string;
  reason: string;
  citation: Citation | null;
}

export type FigureReported = DomainEvent<typeof FigureEventTypes.reported, FigureReportedData>;
export type FigureRevised = DomainEvent<typeof FigureEventTypes.revised, FigureRevisedData>;
export type FigureCorroborated = DomainEvent<typeof FigureEventTypes.corroborated, FigureCorroboratedData>;
export type FigureRetracted = DomainEvent<typeof FigureEventTypes.retracted, FigureRetractedData>;
export type FigureEvent = FigureReported | FigureRevised | FigureCorroborated | FigureRetracted;

/** Stored figure events as the union above (older shapes would be upcast here). */
export const upcastFigureEvent = upcasterOf<FigureEvent>(FigureEventTypes, {}, 'figure.');
// Fails to compile when FigureEventTypes and FigureEvent list different types.
export const FIGURE_EVENT_TYPES_LISTED: ListsExactly<typeof FigureEventTypes, FigureEvent> = true;

const FIGURE_TYPES: ReadonlySet<string> = new Set(Object.values(FigureEventTypes));

/** Every figure event names its figure: read models select them by this guard, not by type prefix. */
export const isFigureEvent = <E extends { type: string }>(event: E | FigureEvent): event is FigureEvent => FIGURE_TYPES.has(event.type);
