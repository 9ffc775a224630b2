import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '@factledger/platform';
import type { IngestionPayload, IngestionResult, Rejection } from '../domain';

/** The one ingestion queue; job names are `IngestionJobName` (`ingest-structured` | `ingest-article`). */
export const INGESTION_QUEUE = 'ingestion';

export interface IngestionJobData {
  payload: IngestionPayload;
  /** sha256 of the canonical payload: the job id and every idempotency seed derive from it. */
  hash: string;
  /** CSV line of each figure, for rejections. */
  lines?: number[];
  /** Who submitted it: the authenticated key id (or `system:seed`); the worker's writes name it as their actor, and keep the request's traceparent. */
  submittedBy: { actor: string; requestId?: string; correlationId?: string; traceparent?: string };
  submittedAt: string;
}

/** `job.progress`: also where a retried attempt finds how far the previous one wrote. */
export interface IngestionProgress {
  processed: number;
  total: number;
  lastPosition: string | null;
  rejected: Rejection[];
}

/** The job's return value: the result, and which worker instance (INSTANCE_ID) did the job; older jobs lack it. */
export type IngestionJobResult = IngestionResult & { processedBy?: string };

/** Injection token for job options (tests shorten the backoff). */
export const INGESTION_JOB_OPTIONS = Symbol('factledger.ingestion.job-options');

/**
 * Transient faults (database, a read model lagging) retry with exponential
 * backoff: 2 s, 4 s, 8 s, 16 s. Validation failures throw UnrecoverableError
 * and fail at once. Completed jobs are kept for a month (and at most 10,000),
 * failed ones for INGESTION_FAILED_RETENTION_HOURS (and at most
 * INGESTION_FAILED_MAX): a submitter cannot fill Redis with failures.
 */
export const DEFAULT_INGESTION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 1000 },
};

export const ingestionJobOptions = (config: Pick<AppConfig, 'ingestionFailedRetentionHours' | 'ingestionFailedMax'>): JobsOptions => ({
  ...DEFAULT_INGESTION_JOB_OPTIONS,
  removeOnFail: { age: config.ingestionFailedRetentionHours * 3600, count: config.ingestionFailedMax },
});
