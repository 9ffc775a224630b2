import { Kysely, sql } from 'kysely';

/**
 * Candidates for review: an article's figures the extractor was not confident
 * of, kept here (a queue job's record expires) until an editor decides. The
 * ingestion worker derives each row from the article, keyed by the claim
 * (so a retried job stores it once); rows are never changed afterwards. The
 * decision itself is an event (stream `candidate-<id>`), not a column here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE review_candidates (
      candidate_id text PRIMARY KEY CHECK (candidate_id ~ '^[0-9a-f]{32}$'),
      job_id text NOT NULL,
      report_id text NOT NULL,
      claim text NOT NULL,
      metric_key text NOT NULL,
      source_name text NOT NULL,
      confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      source_basis text NOT NULL,
      date_basis text,
      quote text NOT NULL,
      quote_offset integer,
      candidate jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (job_id, claim)
    )`.execute(db);
  await sql`CREATE INDEX review_candidates_job ON review_candidates (job_id, quote_offset, candidate_id)`.execute(db);
  // Derived once from the article: the application inserts and reads, never rewrites or deletes.
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON review_candidates FROM factledger_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS review_candidates`.execute(db);
}
