import type { ColumnType, Kysely } from 'kysely';
import { REPORT_REGISTERED_WRITE_VERSIONS, type ReportRegisteredWriteVersion } from '@factledger/ledger-domain';

/** Which version of an evolving event type the ledger writes (migration 20261206101750_event_write_versions). */
export interface EventWriteVersionsTable {
  event_type: string;
  version: number;
  changed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface EventWriteVersionsTables {
  event_write_versions: EventWriteVersionsTable;
}

/** The event types whose write version the operator switches, and the versions this code can write of each. */
export const SWITCHABLE_EVENT_TYPES: Readonly<Record<string, readonly number[]>> = { 'report.registered': REPORT_REGISTERED_WRITE_VERSIONS };

export async function eventWriteVersions(db: Kysely<EventWriteVersionsTables>): Promise<{ eventType: string; version: number; changedAt: Date }[]> {
  const rows = await db.selectFrom('event_write_versions').select(['event_type', 'version', 'changed_at']).orderBy('event_type').execute();
  return rows.map((r) => ({ eventType: r.event_type, version: r.version, changedAt: r.changed_at }));
}

/**
 * The version of `report.registered` to write now. Read on every registration
 * (one primary-key lookup; registrations are rare next to figures), so the
 * switch takes effect in every process at once, with no cache to go stale.
 * A version this code cannot write (a newer release set it) refuses the write.
 */
export async function reportRegisteredWriteVersion(db: Kysely<EventWriteVersionsTables>): Promise<ReportRegisteredWriteVersion> {
  const row = await db.selectFrom('event_write_versions').select('version').where('event_type', '=', 'report.registered').executeTakeFirst();
  const version = row?.version ?? 1;
  if (!(REPORT_REGISTERED_WRITE_VERSIONS as readonly number[]).includes(version))
    throw new Error(
      `the ledger writes report.registered version ${version}, which this process cannot write: a newer release set it; upgrade this process`,
    );
  return version as ReportRegisteredWriteVersion;
}
