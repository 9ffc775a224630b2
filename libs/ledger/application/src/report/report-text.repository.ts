import type { Generated, Kysely, Selectable } from 'kysely';

/** Report texts, kept apart from the immutable log so they can be redacted; events keep the hash. */
export interface ReportTextsTable {
  report_id: string;
  content_hash: string;
  body: string;
  stored_at: Generated<Date>;
}

export interface ReportTextTables {
  report_texts: ReportTextsTable;
}

export type ReportTextRow = Selectable<ReportTextsTable>;

type Db = Kysely<ReportTextTables>;

/**
 * Stores a text under (report, content hash); idempotent, and it never touches
 * a text of another hash. True when this call inserted the row.
 */
export async function storeReportText(db: Db, reportId: string, contentHash: string, body: string): Promise<boolean> {
  const inserted = await db
    .insertInto('report_texts')
    .values({ report_id: reportId, content_hash: contentHash, body })
    .onConflict((oc) => oc.columns(['report_id', 'content_hash']).doNothing())
    .returning('report_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The report's text: the row with the hash the report carries now. */
export async function findReportText(db: Db, reportId: string, contentHash: string): Promise<ReportTextRow | null> {
  const row = await db
    .selectFrom('report_texts')
    .select(['report_id', 'content_hash', 'body', 'stored_at'])
    .where('report_id', '=', reportId)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return row ?? null;
}

/** Drops texts of one hash (a registration that failed after storing it). */
export async function discardReportText(db: Db, reportId: string, contentHash: string): Promise<void> {
  await db.deleteFrom('report_texts').where('report_id', '=', reportId).where('content_hash', '=', contentHash).execute();
}

/** Drops texts of any hash but the report's own (leftovers of failed registrations). */
export async function discardOtherReportTexts(db: Db, reportId: string, contentHash: string): Promise<void> {
  await db.deleteFrom('report_texts').where('report_id', '=', reportId).where('content_hash', '<>', contentHash).execute();
}

/** Redaction: the text goes, the report's events (with the hash) stay. */
export async function deleteReportText(db: Db, reportId: string): Promise<boolean> {
  const result = await db.deleteFrom('report_texts').where('report_id', '=', reportId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
