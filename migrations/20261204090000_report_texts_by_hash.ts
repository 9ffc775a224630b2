import { Kysely, sql } from 'kysely';

/**
 * Report texts keyed by (report, content hash): a text is stored before the
 * report's event is appended (so a failed store leaves nothing appended), and
 * such a row only counts once the report carries its hash. Rows of another
 * hash (a registration that failed after its text was stored) are never
 * served and never block or replace the report's own text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE report_texts DROP CONSTRAINT report_texts_pkey`.execute(db);
  await sql`ALTER TABLE report_texts ADD PRIMARY KEY (report_id, content_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // One row per report again: keep the latest stored.
  await sql`
    DELETE FROM report_texts t USING report_texts newer
    WHERE t.report_id = newer.report_id AND (t.stored_at, t.content_hash) < (newer.stored_at, newer.content_hash)`.execute(db);
  await sql`ALTER TABLE report_texts DROP CONSTRAINT report_texts_pkey`.execute(db);
  await sql`ALTER TABLE report_texts ADD PRIMARY KEY (report_id)`.execute(db);
}
