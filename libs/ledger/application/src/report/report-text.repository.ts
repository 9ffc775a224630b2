import { sql, type Kysely } from 'kysely';

export interface ReportTextRow {
  report_id: string;
  content_hash: string;
  body: string;
  stored_at: Date;
}

/**
 * Stores a text under (report, content hash); idempotent, and it never touches
 * a text of another hash. True when this call inserted the row.
 */
export async function storeReportText(db: Kysely<any>, reportId: string, contentHash: string, body: string): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO report_texts (report_id, content_hash, body) VALUES (${reportId}, ${contentHash}, ${body})
    ON CONFLICT (report_id, content_hash) DO NOTHING
    RETURNING report_id`.execute(db);
  return rows.length > 0;
}

/** The report's text: the row with the hash the report carries now. */
export async function findReportText(db: Kysely<any>, reportId: string, contentHash: string): Promise<ReportTextRow | null> {
  const { rows } = await sql<ReportTextRow>`
    SELECT report_id, content_hash, body, stored_at FROM report_texts
    WHERE report_id = ${reportId} AND content_hash = ${contentHash}`.execute(db);
  return rows[0] ?? null;
}

/** Drops texts of one hash (a registration that failed after storing it). */
export async function discardReportText(db: Kysely<any>, reportId: string, contentHash: string): Promise<void> {
  await sql`DELETE FROM report_texts WHERE report_id = ${reportId} AND content_hash = ${contentHash}`.execute(db);
}

/** Drops texts of any hash but the report's own (leftovers of failed registrations). */
export async function discardOtherReportTexts(db: Kysely<any>, reportId: string, contentHash: string): Promise<void> {
  await sql`DELETE FROM report_texts WHERE report_id = ${reportId} AND content_hash <> ${contentHash}`.execute(db);
}

/** Redaction: the text goes, the report's events (with the hash) stay. */
export async function deleteReportText(db: Kysely<any>, reportId: string): Promise<boolean> {
  const result = await sql`DELETE FROM report_texts WHERE report_id = ${reportId}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
