import { Kysely, sql } from 'kysely';

/**
 * A random identity per ledger database, made when it is migrated. The
 * ingestion queue's Redis keys are scoped by it: a Redis that outlives its
 * database (a reset ledger, a second ledger on the same Redis) must not answer
 * "already ingested" from jobs that wrote into another ledger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE ledger_identity (
      singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      ledger_id  uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`INSERT INTO ledger_identity DEFAULT VALUES`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE ledger_identity`.execute(db);
}
