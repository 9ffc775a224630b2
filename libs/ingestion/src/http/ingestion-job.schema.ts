import { Type } from '@sinclair/typebox';
import { Closed, Matching, Nullable, OneOf } from '@factledger/platform';
import { INGESTION_KINDS, JOB_ID } from '../domain';
import { LISTABLE_STATES } from '../queue/ingestion-jobs.service';

export const IngestionJobParams = Closed({ id: Matching(JOB_ID, { description: 'a job id: structured- or article- then 64 hex digits' }) });

export const ListIngestionsQuery = Closed({
  state: Type.Optional(OneOf(LISTABLE_STATES, { description: 'Only jobs in this state; every state when left out' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

const Count = Type.Integer({ minimum: 0 });
const Rejection = Closed({
  index: Count,
  line: Type.Optional(Count),
  code: Type.String(),
  reason: Type.String(),
  quote: Type.Optional(Type.String()),
});
const Result = Closed({
  report: Closed({ reportId: Type.String(), created: Type.Boolean(), textStored: Type.Boolean() }),
  figuresReported: Count,
  updates: Count,
  corroborations: Count,
  revisions: Count,
  unchanged: Count,
  rejected: Type.Array(Rejection),
  sourcesCreated: Type.Array(Closed({ sourceId: Type.String(), name: Type.String() })),
  figureIds: Type.Array(Type.String()),
  lastPosition: Nullable(Type.String({ pattern: '^[0-9]+$' })),
  review: Closed({ threshold: Nullable(Type.Number()), confident: Count, forReview: Count }),
});
const Time = Type.String({ format: 'date-time' });

/** IngestionJobView. */
const jobView = {
  jobId: Type.String(),
  kind: OneOf(INGESTION_KINDS),
  state: OneOf([...LISTABLE_STATES, 'waiting-children', 'unknown'] as const),
  report: Closed({
    reportId: Type.Optional(Type.String()),
    publisher: Type.String(),
    title: Type.String(),
    publishedAt: Type.String(),
    url: Type.Optional(Nullable(Type.String())),
    language: Type.Optional(Type.String()),
  }),
  figuresSubmitted: Nullable(Count),
  progress: Nullable(Closed({ processed: Count, total: Count })),
  attemptsMade: Count,
  attempts: Count,
  submittedAt: Time,
  processedAt: Nullable(Time),
  finishedAt: Nullable(Time),
  result: Nullable(Result),
  processedBy: Nullable(Type.String({ description: 'The worker instance (host:pid:id) that completed the job; null before that' })),
  failedReason: Nullable(Type.String()),
  rejected: Type.Array(Rejection),
  statusUrl: Type.String(),
};
export const IngestionJob = Closed(jobView, { description: 'The job: state, progress and result' });
export const IngestionJobList = Closed(
  { items: Type.Array(Closed(jobView)), total: Count, offset: Count, limit: Count },
  { description: 'Ingestion jobs, newest first' },
);
