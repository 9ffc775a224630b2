import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';

export const ReportEventTypes = {
  registered: 'report.registered.v2',
  updated: 'report.updated.v1',
} as const;

/** Shapes no decider produces any more; they stay in the log and are upcast where read (`upcastReportEvent`). */
export const RetiredReportEventTypes = {
  /** Before publishedZone (until 2026-12); still written while `report.registered` writes version 1 (see `encodeReportEvent`). */
  registeredV1: 'report.registered.v1',
} as const;

export interface ReportRegisteredData {
  reportId: string;
  publisher: string;
  title: string;
  url: string | null;
  /** YYYY-MM-DD, never after the day it was registered (in publishedZone, else in UTC). */
  publishedAt: string;
  /** The IANA time zone publishedAt is a local date of (the outlet's: `Europe/Kyiv`); null: not stated (UTC is assumed). */
  publishedZone: string | null;
  /** BCP-47-ish language tag, e.g. `en`, `uk`, `pt-BR`. */
  language: string;
  /** sha256 (lower-case hex) of the raw text kept outside the event store. */
  contentHash: string | null;
}

/** `report.registered.v1`: the same without publishedZone. */
export type ReportRegisteredV1Data = Omit<ReportRegisteredData, 'publishedZone'>;

/** Only the fields that changed are present (publishedZone is set at registration only). */
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

/** A v1 registration said nothing about the zone: null, as v2 writes when none is given. */
const registeredFromV1 = (data: unknown): ReportRegistered => ({
  type: ReportEventTypes.registered,
  data: { ...(data as ReportRegisteredV1Data), publishedZone: null },
});

/** Stored report events as the union above: v1 registrations upcast to v2. */
export const upcastReportEvent = upcasterOf<ReportEvent>(ReportEventTypes, { [RetiredReportEventTypes.registeredV1]: registeredFromV1 }, 'report.');
// Fails to compile when ReportEventTypes and ReportEvent list different types.
export const REPORT_EVENT_TYPES_LISTED: ListsExactly<typeof ReportEventTypes, ReportEvent> = true;

/**
 * The versions of `report.registered` this code can write: 1 during the
 * expand phase of the v2 change (processes of the previous release, which
 * read only v1, may still run), 2 once the operator switched it after every
 * process was upgraded (README "Operations → Upgrading").
 */
export const REPORT_REGISTERED_WRITE_VERSIONS = [1, 2] as const;
export type ReportRegisteredWriteVersion = (typeof REPORT_REGISTERED_WRITE_VERSIONS)[number];

/**
 * How a report event is stored while `report.registered` writes `version`:
 * as is, or (version 1) as the v1 type older processes read — the decider
 * refused a zone then, so nothing is lost (a zone here is a bug: it throws).
 */
export const encodeReportEvent =
  (version: ReportRegisteredWriteVersion) =>
  (event: ReportEvent): { type: string; data: unknown } => {
    if (version === 2 || event.type !== ReportEventTypes.registered) return event;
    const { publishedZone, ...v1 } = event.data;
    if (publishedZone !== null) throw new Error(`report.registered.v1 cannot hold publishedZone ${publishedZone}`);
    return { type: RetiredReportEventTypes.registeredV1, data: v1 satisfies ReportRegisteredV1Data };
  };
