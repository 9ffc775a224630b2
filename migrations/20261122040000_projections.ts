import { Kysely, sql } from 'kysely';

/**
 * The projector engine's bookkeeping. Each (name, version) of a read model
 * lives in its own schema; the registry says which version readers use, so a
 * rebuild can run beside the live version and switch with one UPDATE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Checkpoints are (transaction_id, position): the gap-safe order of the log.
  await sql`
    CREATE TABLE projection_checkpoints (
      name           text NOT NULL,
      version        integer NOT NULL CHECK (version > 0),
      transaction_id xid8 NOT NULL DEFAULT '0',
      position       bigint NOT NULL DEFAULT 0,
      state          text NOT NULL DEFAULT 'idle' CHECK (state IN ('running', 'stopped', 'rebuilding', 'failed', 'idle')),
      error          text,
      owner          text,
      updated_at     timestamptz NOT NULL DEFAULT now(),
      events_applied bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (name, version)
    )`.execute(db);

  // The active version must have a checkpoint row (and so a built schema).
  await sql`
    CREATE TABLE projection_registry (
      name           text PRIMARY KEY,
      active_version integer NOT NULL,
      switched_at    timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (name, active_version) REFERENCES projection_checkpoints (name, version)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The read-model schemas go too; the naming rule is repeated here because migrations never import libs.
  await sql`
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT name, version FROM projection_checkpoints LOOP
        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', 'rm_' || r.name || '_v' || r.version);
      END LOOP;
    END $$`.execute(db);
  await sql`DROP TABLE IF EXISTS projection_registry`.execute(db);
  await sql`DROP TABLE IF EXISTS projection_checkpoints`.execute(db);
}
