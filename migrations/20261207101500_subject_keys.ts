import { Kysely, sql } from 'kysely';

/**
 * Per-subject data keys for crypto-shredding (README "Operations → Erasure"):
 * personal fields are sealed into events as AES-256-GCM tokens under their
 * subject's key; erasure sets `data_key` to null in the same transaction as
 * its `subject.erased.v1` event. Not part of the sealed log. The row stays as
 * a tombstone (the subject id is a stream id, no personal data), so the
 * application role may insert and update but never delete it: a deleted row
 * would let a later write make the subject a fresh key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE subject_keys (
      subject text PRIMARY KEY CHECK (subject ~ '^[a-z0-9][a-z0-9_-]{0,199}$'),
      data_key bytea CHECK (data_key IS NULL OR octet_length(data_key) = 32),
      created_at timestamptz NOT NULL DEFAULT now(),
      erased_at timestamptz,
      erased_by text,
      CHECK ((data_key IS NULL) = (erased_at IS NOT NULL))
    )`.execute(db);
  await sql`REVOKE DELETE, TRUNCATE ON subject_keys FROM factledger_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE subject_keys`.execute(db);
}
