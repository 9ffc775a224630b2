import { isTraceparent } from '@factledger/platform';
import type { CommandBus } from '@nestjs/cqrs';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { IngestionDb } from './ingestion-db';
import type { LedgerWriter, WriteContext } from '@factledger/ledger';
import { isDomainError, type DomainError } from '@factledger/shared';
import {
  decideMatch,
  figureSeed,
  IngestionErrorCodes,
  isRejection,
  parseIngestionPayload,
  type IngestionJobName,
  type IngestionPayload,
  type IngestionResult,
  type Rejection,
} from '../domain';
import type { IngestionJobData, IngestionProgress } from '../queue/ingestion-queue';
import { isTransient, unrecoverableIfRefused } from './fault-or-refusal';
import { FigureWrites } from './figure-writes';
import type { IngestionHooks, IngestionWorkerOptions } from './ingestion-hooks';
import { readJobCatalog } from './job-catalog';
import { JobFigures } from './job-figures';
import { JobReport } from './job-report';
import { JobReview } from './job-review';
import { JobSources } from './job-sources';
import { LandedWrites } from './landed-writes';
import { LineCheck, type CheckedLine } from './line-check';
import { RunResult } from './run-result';
import type { JobOutcomeMetrics } from '../queue/queue-metrics';
import type { ExtractionPool } from '../extraction/extraction-pool';

export interface RunDeps {
  commands: CommandBus;
  writer: LedgerWriter;
  db: Kysely<IngestionDb>;
  hooks: IngestionHooks;
  options: IngestionWorkerOptions;
  metrics?: JobOutcomeMetrics;
  /** Extracts an article's figures off the event loop, within the time and memory limits. */
  extraction: Pick<ExtractionPool, 'candidatesOf'>;
}

/**
 * One attempt at one ingestion job, in two passes. First every line is checked
 * with the ledger's own rules (metric, unit, amount, dates, source name), so
 * a refused line is rejected with its reason and writes nothing. Then the
 * lines are matched and written; the report, and a new source, are
 * registered only when a line citing them is about to be written.
 *
 * Every write derives its event ids (and a new figure its id) from the
 * payload hash and the line, so an attempt that repeats what a crashed one
 * wrote appends nothing; it also finds those events by their ids and counts
 * each line as what it was, so a retried job reports what an uncrashed run
 * would have.
 */
export class IngestionRun {
  private readonly result = new RunResult();
  private readonly now = new Date().toISOString();
  private readonly landed: LandedWrites;
  private readonly figures: JobFigures;

  constructor(
    private readonly deps: RunDeps,
    private readonly job: Job<IngestionJobData, IngestionResult, IngestionJobName>,
  ) {
    this.landed = new LandedWrites(deps.db);
    this.figures = new JobFigures(deps.db);
  }

  async execute(): Promise<IngestionResult> {
    try {
      return await this.run();
    } catch (error) {
      throw unrecoverableIfRefused(error);
    }
  }

  private async run(): Promise<IngestionResult> {
    const { hash, lines } = this.job.data;
    const { commands, writer, db } = this.deps;
    const ctx = (seed: string) => this.ctx(seed);
    const payload = this.validPayload();
    const report = new JobReport(payload, { commands, ctx, result: this.result, hash, now: this.now });
    const catalog = await readJobCatalog(db, this.deps.options.readModelWaitMs);
    const threshold = this.deps.options.confidenceThreshold;
    const extracted = this.deps.metrics?.extraction(payload.kind);
    const candidates = await this.deps.extraction.candidatesOf(payload, {
      today: this.now.slice(0, 10),
      lines,
      metrics: catalog.metrics,
      minConfidence: threshold,
    });
    extracted?.();
    if (payload.kind === 'article') this.result.value.review.threshold = threshold;
    const review = new JobReview(db, { jobId: this.job.id!, hash }, this.result);
    const sources = new JobSources(catalog.sources, {
      commands,
      writer,
      hash,
      ctx,
      registeredByThisJob: (sourceId, seed) => this.landed.sourceRegistered(sourceId, seed),
    });

    // Pass 1: every line against the ledger's rules, before anything is written.
    const lineCheck = new LineCheck(writer, sources, report.state, this.now);
    const checked: (CheckedLine | Rejection)[] = [];
    for (const item of candidates) checked.push(isRejection(item) ? item : await lineCheck.check(item));
    // Below the confidence threshold: kept for an editor's review (stored before any figure is written), not ingested.
    const toIngest = checked.filter((item) => isRejection(item) || !review.keep(item.candidate, item.metric.key, report.data.reportId));
    this.result.value.review.confident = toIngest.filter((item) => !isRejection(item) && item.candidate.extraction).length;
    await review.store(report);

    // Pass 2: match and write. A revision's default reason names the publisher as submitted, untrimmed.
    const writes = new FigureWrites({ commands, ctx, result: this.result, publisher: this.job.data.payload.report.publisher });
    for (const [index, item] of toIngest.entries()) {
      if (isRejection(item)) this.result.add(item);
      else await this.ingest(item, report, sources, writes);
      await this.deps.hooks.afterFigure?.(this.job.id!, index, this.job.attemptsMade + 1);
      await this.job.updateProgress({
        processed: index + 1,
        total: toIngest.length,
        lastPosition: this.result.value.lastPosition,
        rejected: this.result.value.rejected,
      } satisfies IngestionProgress);
    }
    this.result.value.sourcesCreated = sources.created;
    // A structured report none of whose lines could be taken is a bad submission; an article may simply hold no figure of ours.
    if (payload.kind === 'structured' && !this.result.anyAccepted) {
      throw new UnrecoverableError(`${IngestionErrorCodes.nothingIngested}: all ${candidates.length} figures were rejected (see rejected)`);
    }
    return this.result.value;
  }

  /** Producers validate already; a job from elsewhere that does not is failed for good, not retried. */
  private validPayload(): IngestionPayload {
    try {
      return parseIngestionPayload(this.job.data.payload, this.now.slice(0, 10));
    } catch (error) {
      if (isDomainError(error)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }

  /** One checked line: resolved to its sources, then for each matched, recognised if already written, and written. */
  private async ingest({ candidate, metric }: CheckedLine, report: JobReport, sources: JobSources, writes: FigureWrites): Promise<void> {
    const reject = (error: unknown) => this.result.reject(candidate, (error as DomainError).code, (error as DomainError).message);
    let sourceIds: string[];
    try {
      sourceIds = await sources.resolve(candidate);
    } catch (error) {
      if (isTransient(error)) throw error;
      return void reject(error);
    }
    const { reportId } = report.data;
    let accepted = false;
    for (const sourceId of sourceIds) {
      const { existing, inJob } = await this.figures.of(metric.key, sourceId);
      const claim = { amount: candidate.amount, validAt: candidate.validAt, reportId, revises: candidate.revises };
      const seed = figureSeed(
        this.job.data.hash,
        { index: candidate.at.index, ...(candidate.claim !== undefined ? { claim: candidate.claim } : {}) },
        sourceId,
      );
      try {
        const decision = decideMatch(claim, existing, inJob);
        // What an earlier attempt already wrote for this line counts as what it was, not as "unchanged".
        const landed = await this.landed.figureWrite(seed, decision, (figureId) =>
          decideMatch(
            claim,
            existing.filter((f) => f.figureId !== figureId),
            inJob.filter((f) => f.figureId !== figureId),
          ),
        );
        const effective = landed ?? decision;
        if (effective.kind !== 'reject') await report.ensureRegistered();
        const written = await writes.apply(effective, candidate, { reportId, sourceId, metric, seed, replayed: landed !== null });
        if (written?.view) this.figures.remember(metric.key, sourceId, written.view);
        accepted ||= effective.kind !== 'reject';
      } catch (error) {
        // A rule of the ledger refused this figure (dates, units, state): reject the line, go on with the rest.
        if (isTransient(error)) throw error;
        reject(error);
      }
    }
    if (accepted) this.result.acceptLine();
  }

  private ctx(idempotencySeed: string): WriteContext {
    const { submittedBy, payload } = this.job.data;
    return {
      // The submitter is the actor; `via` says the worker wrote it on their behalf.
      metadata: {
        actor: submittedBy.actor,
        via: 'worker',
        ...(submittedBy.requestId ? { requestId: submittedBy.requestId } : {}),
        correlationId: submittedBy.correlationId ?? this.job.id!,
        causationId: this.job.id!,
        reason: `ingestion of ${payload.kind} report (job ${this.job.id})`,
        ingestionJobId: this.job.id!,
        // Job data is read back from Redis: only a well-formed W3C traceparent is kept.
        ...(isTraceparent(submittedBy.traceparent) ? { traceparent: submittedBy.traceparent } : {}),
      },
      now: this.now,
      idempotencySeed,
    };
  }
}
