import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';

export const MetricEventTypes = {
  registered: 'metric.registered.v1',
  updated: 'metric.updated.v1',
} as const;

export interface MetricRegisteredData {
  key: string;
  label: string;
  unit: string;
  description: string;
  aliases: string[];
  /** Extraction patterns: phrases the extractor looks for; kept as given. */
  patterns: string[];
}

/** Only the fields that changed are present; the unit never changes. */
export interface MetricUpdatedData {
  key: string;
  label?: string;
  description?: string;
  aliases?: string[];
  patterns?: string[];
}

export type MetricRegistered = DomainEvent<typeof MetricEventTypes.registered, MetricRegisteredData>;
export type MetricUpdated = DomainEvent<typeof MetricEventTypes.updated, MetricUpdatedData>;
export type MetricEvent = MetricRegistered | MetricUpdated;

/** Stored metric events as the union above (older shapes would be upcast here). */
export const upcastMetricEvent = upcasterOf<MetricEvent>(MetricEventTypes, {}, 'metric.');
// Fails to compile when MetricEventTypes and MetricEvent list different types.
export const METRIC_EVENT_TYPES_LISTED: ListsExactly<typeof MetricEventTypes, MetricEvent> = true;
