import { upcasterOfAll, type Upcaster } from '@factledger/shared';
import { FigureEventTypes, upcastFigureEvent, type FigureEvent } from './figure/figure.events';
import { MetricEventTypes, upcastMetricEvent, type MetricEvent } from './metric/metric.events';
import { ReportEventTypes, upcastReportEvent, type ReportEvent } from './report/report.events';
import { SourceEventTypes, upcastSourceEvent, type SourceEvent } from './source/source.events';

/** Every event the ledger appends. */
export type LedgerEvent = MetricEvent | SourceEvent | ReportEvent | FigureEvent;
export type LedgerEventType = LedgerEvent['type'];

/** All stable event type strings, e.g. for projection subscriptions. */
export const LEDGER_EVENT_TYPES: readonly LedgerEventType[] = [
  ...Object.values(MetricEventTypes),
  ...Object.values(SourceEventTypes),
  ...Object.values(ReportEventTypes),
  ...Object.values(FigureEventTypes),
];

export const isLedgerEventType = (type: string): type is LedgerEventType => (LEDGER_EVENT_TYPES as readonly string[]).includes(type);

/**
 * Every stored ledger event as the union (what projections fold); null for
 * the log's other events (API keys, review decisions), which no read model reads.
 */
export const upcastLedgerEvent: Upcaster<LedgerEvent> = upcasterOfAll<LedgerEvent>(
  upcastMetricEvent,
  upcastSourceEvent,
  upcastReportEvent,
  upcastFigureEvent,
);
