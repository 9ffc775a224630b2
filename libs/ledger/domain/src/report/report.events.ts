import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';

export const ReportEventTypes = {
  registered: 'report.registered.v1',
  updated: 'report.updated.v1',
} as const;

export interface ReportRegisteredData {
  reportId: string;
  publisher: string;
  title: string;
  url: string | null;
  /** YYYY-MM-DD, never after the day it was registered. */
  publishedAt: string;
  /** BCP-47-ish language tag, e.g. `en`, `uk`, `pt-BR`. */
  language: string;
  /** sha256 (lower-case hex) of the raw text kept outside the event store. */
  contentHash: string | null;
}

/** Only the fields that changed are present. */
export interface ReportUpdatedData {
  reportId: string;
  publisher?: string;
  title?: string;
  url?: string | null;
  publishedAt?: string;
  language?: string;
  contentHash?: string | null;
}

export type ReportRegistered = DomainEvent<typeof ReportEventTypes.registered, ReportRegisteredData>;
export type ReportUpdated = DomainEvent<typeof ReportEventTypes.updated, ReportUpdatedData>;
export type ReportEvent = ReportRegistered | ReportUpdated;

/** Stored report events as the union above (older shapes would be upcast here). */
export const upcastReportEvent = upcasterOf<ReportEvent>(ReportEventTypes);
// Fails to compile when ReportEventTypes and ReportEvent list different types.
export const REPORT_EVENT_TYPES_LISTED: ListsExactly<typeof ReportEventTypes, ReportEvent> = true;
