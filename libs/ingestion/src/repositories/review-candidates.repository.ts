import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type { Candidate } from '../domain';

export interface ReviewCandidatesTable {
  candidate_id: string;
  job_id: string;
  report_id: string;
  claim: string;
  metric_key: string;
  source_name: string;
  confidence: number;
  source_basis: string;
  date_basis: string | null;
  quote: string;
  quote_offset: number | null;
  /** The candidate as the worker had it: what an accepted one is reported with. */
  candidate: Candidate;
  created_at: Generated<Date>;
}

export interface ReviewDb {
  review_candidates: ReviewCandidatesTable;
}

export type StoredCandidate = Selectable<ReviewCandidatesTable>;
export type NewStoredCandidate = Insertable<ReviewCandidatesTable>;

/** The database as this module's table sees it (a slice of the schema, see @factledger/database-schema). */
export type ReviewCandidatesDb = Kysely<ReviewDb>;

/** Stores a job's candidates; one already stored (an earlier attempt of the job) is left as it is. */
export async function storeCandidates(db: ReviewCandidatesDb, rows: NewStoredCandidate[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('review_candidates')
    .values(rows.map((r) => ({ ...r, candidate: JSON.stringify(r.candidate) as unknown as Candidate })))
    .onConflict((oc) => oc.column('candidate_id').doNothing())
    .execute();
}

/** A job's candidates in text order. */
export async function candidatesOfJob(db: ReviewCandidatesDb, jobId: string): Promise<StoredCandidate[]> {
  return db.selectFrom('review_candidates').selectAll().where('job_id', '=', jobId).orderBy('quote_offset').orderBy('candidate_id').execute();
}

export async function findCandidate(db: ReviewCandidatesDb, jobId: string, candidateId: string): Promise<StoredCandidate | undefined> {
  return db.selectFrom('review_candidates').selectAll().where('job_id', '=', jobId).where('candidate_id', '=', candidateId).executeTakeFirst();
}
