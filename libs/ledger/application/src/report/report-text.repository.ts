import { sql, type Kysely } from 'kysely';

export interface ReportTextRow {
  report_id: string;
  content_hash: string;
  body: string;
  stored_at: Date;
}

export async function storeReportText(db: Kysely<any>, reportId: string, contentHash: string, body: string): Promise<void> {
  await sql`
    INSERT INTO report_texts (report_id, content_hash, body) VALUES (${reportId}, ${contentHash}, ${body})
    ON CONFLICT (report_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, body = EXCLUDED.body, stored_at = now()`.execute(db);
}

export async function findReportText(db: Kysely<any>, reportId: string): Promise<ReportTextRow | null> {
  const { rows } = await sql<ReportTextRow>`SELECT report_id, content_hash, body, stored_at FROM report_texts WHERE report_id = ${reportId}`.execute(db);
  return rows[0] ?? null;
}

/** Redaction: the text goes, the report's events (with the hash) stay. */
export async function deleteReportText(db: Kysely<any>, reportId: string): Promise<boolean> {
  const result = await sql`DELETE FROM report_texts WHERE report_id = ${reportId}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
