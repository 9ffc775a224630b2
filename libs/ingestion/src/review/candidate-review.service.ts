import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { foldRecorded, type EventStore, type StreamEvent } from '@factledger/event-store';
import { LedgerWriter, ReportFigureCommand, seededEventIds, seededFigureId, type WriteContext } from '@factledger/ledger';
import { metricDecider, metricStreamId } from '@factledger/ledger-domain';
import type { Kysely } from 'kysely';
import { EVENT_STORE, KYSELY, sliceOf, type RequestMeta } from '@factledger/platform';
import { invalid, malformed, notFound } from '@factledger/shared';
import {
  CANDIDATE_ID,
  candidateReviewDecider,
  candidateStreamId,
  JOB_ID,
  pendingOrRefuse,
  ReviewErrorCodes,
  type CandidateReviewCommand,
  type CandidateReviewEvent,
  type CandidateReviewState,
} from '../domain';
import { catalogSources, type EngineDb } from '@factledger/projections';
import { candidatesOfJob, findCandidate, type ReviewDb, type StoredCandidate } from '../repositories';
import { reportFigureData } from '../worker/figure-writes';
import { JobSources } from '../worker/job-sources';

/** Who decides and how the request is identified; `idempotencySeed` when it carried an Idempotency-Key. */
export interface ReviewRequest {
  meta: RequestMeta;
  idempotencySeed?: string;
}

/** A candidate as listed: what the extractor found and the decision, as the candidate's events have it. */
export interface CandidateView {
  candidateId: string;
  jobId: string;
  reportId: string;
  claim: string;
  metricKey: string;
  sourceName: string;
  amount: unknown;
  validAt: unknown;
  quote: string;
  quoteOffset: number | null;
  confidence: number;
  sourceBasis: string;
  dateBasis: string | null;
  status: CandidateReviewState['status'];
  decision: { decidedAt: string; decidedBy: string; figureIds?: string[]; reason?: string | null } | null;
}

/**
 * The editor's review of an ingestion's candidates. The rows are the
 * ingestion module's own table; each decision is an event on the candidate's
 * stream, read and written through the store like every other.
 */
@Injectable()
export class CandidateReviewService {
  constructor(
    private readonly commands: CommandBus,
    private readonly writer: LedgerWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KYSELY) private readonly db: Kysely<ReviewDb & EngineDb>,
  ) {}

  private get reviewDb(): Kysely<ReviewDb> {
    return sliceOf(this.db).as<ReviewDb>();
  }

  /** A job's candidates in text order (none: the caller tells a job without candidates from no job). */
  async list(jobId: string): Promise<CandidateView[]> {
    assertJobId(jobId);
    const rows = await candidatesOfJob(this.reviewDb, jobId);
    return Promise.all(rows.map(async (row) => viewOf(row, await this.readCandidate(candidateStreamId(row.candidate_id)))));
  }

  /** Reports the candidate as a figure (of each source its name resolves to) with the editor as actor, then records the decision. */
  async accept(jobId: string, candidateId: string, request: ReviewRequest): Promise<CandidateView & { position: string | null }> {
    const row = await this.candidate(jobId, candidateId);
    await this.refuseIfDecided(row, request);
    const ctx = (seed?: string): WriteContext => this.ctx(request, `review: accept candidate ${candidateId}`, seed);
    const candidate = row.candidate;
    const metric = (await this.writer.load(metricStreamId(row.metric_key), metricDecider)).state;
    if (metric.status !== 'registered')
      throw invalid('ingestion.metric_not_found', `metric ${row.metric_key} is not registered`, { metricKey: row.metric_key });
    // An unknown name becomes a source flagged for review, as ingestion would have registered it: accepting verifies nothing.
    const sources = new JobSources(await catalogSources(sliceOf(this.db).as<EngineDb>()), {
      commands: this.commands,
      writer: this.writer,
      hash: jobId.slice(jobId.indexOf('-') + 1),
      ctx: (seed) => ctx(seed),
      registeredByThisJob: async () => false,
    });
    const sourceIds = await sources.resolve(candidate);
    const figureIds: string[] = [];
    for (const sourceId of sourceIds) {
      // Seeded by the candidate: whoever accepts it, however often it is retried, it is the same figure.
      const seed = `review:${candidateId}:${sourceId}`;
      const figureId = seededFigureId(seed);
      await this.commands.execute(new ReportFigureCommand(reportFigureData(figureId, candidate, metric, sourceId, row.report_id), ctx(seed)));
      figureIds.push(figureId);
    }
    const data = { candidateId, jobId, reportId: row.report_id, figureIds, sourceIds };
    return this.decide(row, { type: 'AcceptCandidate', data, now: new Date().toISOString() }, ctx(request.idempotencySeed));
  }

  async reject(
    jobId: string,
    candidateId: string,
    reason: string | null,
    request: ReviewRequest,
  ): Promise<CandidateView & { position: string | null }> {
    const row = await this.candidate(jobId, candidateId);
    await this.refuseIfDecided(row, request);
    const ctx = this.ctx(request, reason ?? `review: reject candidate ${candidateId}`, request.idempotencySeed);
    return this.decide(row, { type: 'RejectCandidate', data: { candidateId, jobId, reason }, now: ctx.now }, ctx);
  }

  /** The decision appended; the answer carries its global position, so the editor can read the new figure back (minPosition). */
  private async decide(
    row: StoredCandidate,
    command: CandidateReviewCommand,
    ctx: WriteContext,
  ): Promise<CandidateView & { position: string | null }> {
    const streamId = candidateStreamId(row.candidate_id);
    const { position } = await this.writer.execute(row.candidate_id, streamId, candidateReviewDecider, command, ctx, (s) => s);
    return { ...viewOf(row, await this.readCandidate(streamId)), position };
  }

  private async candidate(jobId: string, candidateId: string): Promise<StoredCandidate> {
    assertJobId(jobId);
    if (!CANDIDATE_ID.test(candidateId)) throw malformed(ReviewErrorCodes.invalidId, 'A candidate id is 32 lower-case hex digits', { candidateId });
    const row = await findCandidate(this.reviewDb, jobId, candidateId);
    if (!row) throw notFound(ReviewErrorCodes.notFound, `No candidate ${candidateId} in ingestion ${jobId}`, { jobId, candidateId });
    return row;
  }

  /**
   * Before anything is written: a decided candidate refuses a new decision. A retry of the very request that
   * decided it (same Idempotency-Key, its response lost) goes through: every write it repeats is a replay.
   */
  private async refuseIfDecided(row: StoredCandidate, request: ReviewRequest): Promise<void> {
    const streamId = candidateStreamId(row.candidate_id);
    const history = await this.readCandidate(streamId);
    const replay = request.idempotencySeed !== undefined && history.some((e) => e.id === seededEventIds(request.idempotencySeed!, streamId)(0));
    if (!replay) pendingOrRefuse(foldRecorded(candidateReviewDecider, history), row.candidate_id);
  }

  private readCandidate(streamId: string): Promise<StreamEvent<CandidateReviewEvent>[]> {
    return this.store.readStreamAs(streamId, candidateReviewDecider.upcast);
  }

  private ctx({ meta }: ReviewRequest, reason: string, idempotencySeed?: string): WriteContext {
    return {
      metadata: { actor: meta.actor, requestId: meta.requestId, correlationId: meta.correlationId, causationId: meta.requestId, reason },
      now: new Date().toISOString(),
      ...(idempotencySeed !== undefined ? { idempotencySeed } : {}),
    };
  }
}

function assertJobId(jobId: string): void {
  if (!JOB_ID.test(jobId)) throw malformed(ReviewErrorCodes.invalidId, 'An ingestion id is "article-" or "structured-" and 64 hex digits', { jobId });
}

function viewOf(row: StoredCandidate, history: readonly StreamEvent<CandidateReviewEvent>[]): CandidateView {
  const state = foldRecorded(candidateReviewDecider, history);
  // The decision's actor is the event's: the authenticated key that made it.
  const decidedBy = String(history.at(-1)?.metadata.actor ?? '');
  const decision =
    state.status === 'pending'
      ? null
      : state.status === 'accepted'
        ? { decidedAt: state.decidedAt, decidedBy, figureIds: state.figureIds }
        : { decidedAt: state.decidedAt, decidedBy, reason: state.reason };
  return {
    candidateId: row.candidate_id,
    jobId: row.job_id,
    reportId: row.report_id,
    claim: row.claim,
    metricKey: row.metric_key,
    sourceName: row.source_name,
    amount: row.candidate.amount,
    validAt: row.candidate.validAt,
    quote: row.quote,
    quoteOffset: row.quote_offset,
    confidence: row.confidence,
    sourceBasis: row.source_basis,
    dateBasis: row.date_basis,
    status: state.status,
    decision,
  };
}
