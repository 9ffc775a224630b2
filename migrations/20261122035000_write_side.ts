import { Kysely, sql } from 'kysely';

/** Write-side support: HTTP idempotency keys and report texts kept apart from events. */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (actor, key): the first request's fingerprint and, once done, its response.
  await sql`
    CREATE TABLE idempotency_keys (
      actor         text NOT NULL,
      key           text NOT NULL,
      method        text NOT NULL,
      path          text NOT NULL,
      request_hash  text NOT NULL,
      status_code   integer,
      response_body jsonb,
      response_headers jsonb,
      created_at    timestamptz NOT NULL DEFAULT now(),
      completed_at  timestamptz,
      PRIMARY KEY (actor, key)
    )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`.execute(db);

  // Raw article text lives outside the immutable log so it can be redacted
  // (copyright, privacy) without breaking the log; events keep its hash.
  await sql`
    CREATE TABLE report_texts (
      report_id    text PRIMARY KEY,
      content_hash text NOT NULL,
      body         text NOT NULL,
      stored_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS report_texts`.execute(db);
  await sql`DROP TABLE IF EXISTS idempotency_keys`.execute(db);
}
