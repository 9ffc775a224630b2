import { candidateIdFor, type Candidate } from '../domain';
import { storeCandidates, type NewStoredCandidate, type ReviewCandidatesDb } from '../repositories';
import type { JobReport } from './job-report';
import type { RunResult } from './run-result';

/**
 * An article's figures below the confidence threshold that pass the ledger's
 * checks: stored as candidates for an editor's review instead of written. The
 * report is registered (with its text) so that an accepted candidate can cite
 * it. Keyed by the claim, so a retried attempt stores nothing twice.
 */
export class JobReview {
  private readonly rows: NewStoredCandidate[] = [];

  constructor(
    private readonly db: ReviewCandidatesDb,
    private readonly job: { jobId: string; hash: string },
    private readonly result: RunResult,
  ) {}

  /** Whether the line is for review (then it is kept here, not written). */
  keep(candidate: Candidate, metricKey: string, reportId: string): boolean {
    const extraction = candidate.extraction;
    if (!extraction?.forReview || candidate.claim === undefined) return false;
    this.rows.push({
      candidate_id: candidateIdFor(this.job.hash, candidate.claim),
      job_id: this.job.jobId,
      report_id: reportId,
      claim: candidate.claim,
      metric_key: metricKey,
      source_name: candidate.sourceName,
      confidence: extraction.confidence,
      source_basis: extraction.sourceBasis,
      date_basis: extraction.dateBasis,
      quote: candidate.quote,
      quote_offset: candidate.quoteOffset,
      candidate,
    });
    return true;
  }

  async store(report: JobReport): Promise<void> {
    this.result.value.review.forReview = this.rows.length;
    if (this.rows.length === 0) return;
    await report.ensureRegistered();
    await storeCandidates(this.db, this.rows);
  }
}
