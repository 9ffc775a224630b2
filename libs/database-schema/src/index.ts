import type { Kysely } from 'kysely';
import type { AuditDb, AuditTables } from '@factledger/audit';
import type { EventStoreTables } from '@factledger/event-store';
import type { ReviewDb } from '@factledger/ingestion';
import type { EventWriteVersionsTables, ReportTextTables } from '@factledger/ledger';
import { sliceOf, type AuthTables, type PlatformTables, type SubjectTables } from '@factledger/platform';
import type { EngineDb, ProjectionTables, ReadModelTables } from '@factledger/projections';

/**
 * The whole database as kysely sees it: every table of the public schema,
 * each described once, next to the code that owns it (the store's log, the
 * audit tables, api keys, idempotency keys, subject keys and the ledger identity, report
 * texts, review candidates, the projections' checkpoints and registry).
 * Library code is typed by the slice it queries (e.g. `Kysely<AuditDb>`), which
 * this type fits (the libs cannot import this one: it imports them).
 *
 * Read-model tables live in per-version schemas (`rm_<name>_v<N>`) and share
 * names across models, so they are reached through `figuresDb(db, schema)` /
 * `catalogDb(db, schema)` (withSchema + the model's tables, `ReadModelTables`).
 */
export interface Database
  extends
    EventStoreTables,
    AuditTables,
    AuthTables,
    PlatformTables,
    ReportTextTables,
    EventWriteVersionsTables,
    ReviewDb,
    ProjectionTables,
    SubjectTables {}

export type { ReadModelTables };

export type DatabaseConnection = Kysely<Database>;

/** Compile-time check, and a way in: the whole database as each slice the libs take (never, were a slice's table missing). */
export const databaseSlices = (db: DatabaseConnection) =>
  ({
    audit: sliceOf(db).as<AuditDb>(),
    engine: sliceOf(db).as<EngineDb>(),
    platform: sliceOf(db).as<PlatformTables & AuthTables>(),
    reportTexts: sliceOf(db).as<ReportTextTables>(),
    eventWriteVersions: sliceOf(db).as<EventWriteVersionsTables>(),
    review: sliceOf(db).as<ReviewDb>(),
    store: sliceOf(db).as<EventStoreTables>(),
  }) satisfies {
    audit: Kysely<AuditDb>;
    engine: Kysely<EngineDb>;
    platform: Kysely<PlatformTables & AuthTables>;
    reportTexts: Kysely<ReportTextTables>;
    eventWriteVersions: Kysely<EventWriteVersionsTables>;
    review: Kysely<ReviewDb>;
    store: Kysely<EventStoreTables>;
  };
