import { randomBytes } from 'node:crypto';
import type { Amount } from '@factledger/ledger-domain';
import { candidateIdFor, type Candidate } from '../domain';
import { storeCandidates, type ReviewCandidatesDb } from '../repositories';

export interface TestCandidate {
  reportId: string;
  metricKey: string;
  sourceName: string;
  amount: Amount;
  /** YYYY-MM-DD, on or before the report's publication. */
  validAt: string;
  quote: string;
}

/**
 * A candidate for review as the worker stores it, for tests that need one without running an ingestion
 * (the access walk). Each call is a new job with one candidate; the report and metric must exist.
 */
export async function storeTestCandidate(db: ReviewCandidatesDb, c: TestCandidate): Promise<{ jobId: string; candidateId: string }> {
  const hash = randomBytes(32).toString('hex');
  const jobId = `article-${hash}`;
  const claim = '@0';
  const candidate: Candidate = {
    at: { index: 0 },
    claim,
    metricKey: c.metricKey,
    sourceName: c.sourceName,
    sourceIsPublisher: false,
    amount: c.amount,
    unit: null,
    validAt: { date: c.validAt, precision: 'day' },
    statedAt: null,
    quote: c.quote,
    quoteOffset: 0,
    method: 'unknown',
    scopeNote: null,
    revises: false,
    reason: null,
    extraction: { confidence: 0.4, sourceBasis: 'direct', dateBasis: 'explicit', forReview: true },
  };
  const candidateId = candidateIdFor(hash, claim);
  await storeCandidates(db, [
    {
      candidate_id: candidateId,
      job_id: jobId,
      report_id: c.reportId,
      claim,
      metric_key: c.metricKey,
      source_name: c.sourceName,
      confidence: 0.4,
      source_basis: 'direct',
      date_basis: 'explicit',
      quote: c.quote,
      quote_offset: 0,
      candidate,
    },
  ]);
  return { jobId, candidateId };
}
