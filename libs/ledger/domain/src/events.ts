import { FigureEventTypes, type FigureEvent } from './figure/figure.events';
import { MetricEventTypes, type MetricEvent } from './metric/metric.events';
import { ReportEventTypes, type ReportEvent } from './report/report.events';
import { SourceEventTypes, type SourceEvent } from './source/source.events';

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

export const isLedgerEventType = (type: string): type is LedgerEventType =>
  (LEDGER_EVENT_TYPES as readonly string[]).includes(type);
