import type { Job, JobState } from 'bullmq';
import { JOB_ID, type IngestionKind, type IngestionResult, type Rejection } from '../domain';
import type { IngestionJobData, IngestionJobResult, IngestionProgress } from './ingestion-queue';

/** What `GET /v1/ingestions/{id}` answers. */
export interface IngestionJobView {
  jobId: string;
  kind: IngestionKind;
  state: JobState | 'unknown';
  report: { reportId?: string; publisher: string; title: string; publishedAt: string; url?: string | null };
  figuresSubmitted: number | null;
  progress: { processed: number; total: number } | null;
  attemptsMade: number;
  attempts: number;
  submittedAt: string;
  processedAt: string | null;
  finishedAt: string | null;
  result: IngestionResult | null;
  /** The worker instance (host:pid:id) that completed the job; null before that (and for jobs completed before workers named themselves). */
  processedBy: string | null;
  /** Set when failed: `code: message`. Unrecoverable failures (validation) are never retried. */
  failedReason: string | null;
  /** Rejections so far (also kept when the job failed). */
  rejected: Rejection[];
  statusUrl: string;
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);

export const statusUrlOf = (jobId: string) => `/v1/ingestions/${jobId}`;

export const isIngestionJobId = (id: string) => JOB_ID.test(id);

/** The worker's name rides beside the result in the return value; the view shows it on its own. */
function splitReturn(value: IngestionJobResult | null): { result: IngestionResult | null; processedBy: string | null } {
  if (!value) return { result: null, processedBy: null };
  const { processedBy, ...result } = value;
  return { result, processedBy: processedBy ?? null };
}

export function ingestionJobView(job: Job<IngestionJobData, IngestionJobResult>, state: JobState | 'unknown'): IngestionJobView {
  const { payload } = job.data;
  const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as unknown as IngestionProgress) : null;
  const { result, processedBy } = splitReturn(state === 'completed' ? (job.returnvalue ?? null) : null);
  return {
    jobId: job.id!,
    kind: payload.kind,
    state,
    report: payload.report,
    figuresSubmitted: payload.kind === 'structured' ? payload.figures.length : null,
    progress: progress ? { processed: progress.processed, total: progress.total } : null,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    submittedAt: job.data.submittedAt,
    processedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    result,
    processedBy,
    failedReason: state === 'failed' ? job.failedReason || null : null,
    rejected: result?.rejected ?? progress?.rejected ?? [],
    statusUrl: statusUrlOf(job.id!),
  };
}
