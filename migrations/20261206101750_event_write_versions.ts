import { Kysely, sql } from 'kysely';

/**
 * `event_write_versions`: which version of an evolving event type the ledger
 * writes (README "Operations → Upgrading"). One row per type whose shape has
 * changed; this release changes `report.registered` (v2 adds publishedZone)
 * and starts in its expand phase, version 1: the previous release, still
 * running during a rolling upgrade, reads only v1. The operator switches it
 * to 2 (`factledger event-versions set report.registered 2`, as the owner)
 * once every process runs this release; every process reads it on each write.
 * The application role may only read it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE event_write_versions (
      event_type text PRIMARY KEY,
      version integer NOT NULL CHECK (version >= 1),
      changed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`INSERT INTO event_write_versions (event_type, version) VALUES ('report.registered', 1)`.execute(db);
  await sql`REVOKE ALL ON TABLE event_write_versions FROM PUBLIC, factledger_app, factledger_sealer`.execute(db);
  await sql`GRANT SELECT ON TABLE event_write_versions TO factledger_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE event_write_versions`.execute(db);
}
