import type { CommandBus } from '@nestjs/cqrs';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import { deterministicEventIds } from '@factledger/event-store';
import { DEFAULT_METRIC_PATTERNS, type MetricPattern } from '@factledger/extraction';
import {
  CorroborateFigureCommand,
  RegisterReportCommand,
  ReportFigureCommand,
  ReviseFigureCommand,
  StoreReportTextCommand,
  type LedgerWriter,
  type WriteContext,
  type WriteResult,
} from '@factledger/ledger';
import {
  FigureEventTypes,
  figureDecider,
  figureStreamId,
  LedgerErrorCodes,
  LedgerPatterns,
  metricDecider,
  metricStreamId,
  reportDecider,
  sourceDecider,
  sourceStreamId,
  type FigureView,
  type MetricState,
  type RegisteredMetric,
  type RegisterReport,
  type ReportFigure,
  type ReportState,
} from '@factledger/ledger-domain';
import { WaitErrorCodes, waitForPosition } from '@factledger/projections';
import { isDomainError, type DomainError } from '@factledger/shared';
import {
  candidatesOf,
  checkNewSourceName,
  decideMatch,
  decodeMetricPattern,
  figureSeed,
  IngestionErrorCodes,
  isRejection,
  parseIngestionPayload,
  reportIdFor,
  reportSeed,
  sha256Hex,
  type Candidate,
  type IngestionJobName,
  type IngestionPayload,
  type IngestionResult,
  type KnownFigure,
  type MatchDecision,
  type Rejection,
} from '../domain';
import { activeFiguresOf, catalogMetrics, catalogSources, eventsByIds, headPosition, INGESTION_READ_MODELS, type CatalogMetric } from '../repositories';
import type { IngestionJobData, IngestionProgress } from '../queue/ingestion-queue';
import type { IngestionHooks, IngestionWorkerOptions } from './ingestion-hooks';
import { JobSources } from './job-sources';

export interface RunDeps {
  commands: CommandBus;
  writer: LedgerWriter;
  db: Kysely<any>;
  hooks: IngestionHooks;
  options: IngestionWorkerOptions;
}

type FigureWrite = WriteResult<FigureView | null>;

/** A line that passed every check of the ledger's: what it is about. */
interface CheckedLine {
  candidate: Candidate;
  metric: RegisteredMetric;
}

const maxPosition = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : BigInt(a) >= BigInt(b) ? a : b);

/** A fault to retry (the database, a read model behind, a concurrent writer), as opposed to a refusal of the input. */
const isTransient = (error: unknown): boolean =>
  !isDomainError(error) || error.kind === 'unavailable' || error.kind === 'precondition' || error.code === 'stream.concurrent_write';

/** Every refusal of the ledger's (invalid, not found, a state conflict) fails the job for good; faults are retried. */
const unrecoverableIfRefused = (error: unknown): unknown =>
  isDomainError(error) && !isTransient(error) ? new UnrecoverableError(`${error.code}: ${error.message}`) : error;

/** The id of the first event a write seeded with `seed` appends to `streamId` (as LedgerWriter derives it). */
const firstEventId = (seed: string, streamId: string): string => deterministicEventIds(`${seed}\u0000${streamId}`)(0);

const CHECK_FIGURE_ID = '00000000-0000-8000-8000-000000000000';
const CHECK_SOURCE_ID = 'ingestion-line-check';

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
  private readonly result: IngestionResult = {
    report: { reportId: '', created: false, textStored: false },
    figuresReported: 0,
    updates: 0,
    corroborations: 0,
    revisions: 0,
    unchanged: 0,
    rejected: [],
    sourcesCreated: [],
    figureIds: [],
    lastPosition: null,
  };
  /** Candidates that led to at least one write or no-op match (not only rejections). */
  private accepted = 0;
  /** Figures this job wrote, by metric and source: newer than the read model. */
  private readonly written = new Map<string, Map<string, KnownFigure>>();
  private readonly metricStates = new Map<string, MetricState>();
  private readonly now = new Date().toISOString();
  private reportRegistered = false;

  constructor(
    private readonly deps: RunDeps,
    private readonly job: Job<IngestionJobData, IngestionResult, IngestionJobName>,
  ) {}

  async execute(): Promise<IngestionResult> {
    try {
      return await this.run();
    } catch (error) {
      throw unrecoverableIfRefused(error);
    }
  }

  private async run(): Promise<IngestionResult> {
    const { hash, lines } = this.job.data;
    const payload = this.validPayload();
    const report = this.reportToRegister(payload);
    await this.catchUp();
    const [metrics, sourceCatalog] = await Promise.all([catalogMetrics(this.deps.db), catalogSources(this.deps.db)]);
    const candidates = candidatesOf(payload, { today: this.now.slice(0, 10), lines, metrics: extractionCatalog(metrics) });
    const sources = new JobSources(sourceCatalog, {
      commands: this.deps.commands,
      writer: this.deps.writer,
      hash,
      ctx: (seed) => this.ctx(seed),
      registeredByThisJob: async (sourceId, seed) => (await eventsByIds(this.deps.db, [firstEventId(seed, sourceStreamId(sourceId))])).length > 0,
    });

    // Pass 1: every line against the ledger's rules, before anything is written.
    const checked: (CheckedLine | Rejection)[] = [];
    for (const item of candidates) checked.push(isRejection(item) ? item : await this.check(item, report.state, sources));

    // Pass 2: match and write.
    for (const [index, item] of checked.entries()) {
      if (isRejection(item)) this.result.rejected.push(item);
      else await this.ingest(item, report.data, sources);
      await this.deps.hooks.afterFigure?.(this.job.id!, index, this.job.attemptsMade + 1);
      await this.job.updateProgress({
        processed: index + 1,
        total: candidates.length,
        lastPosition: this.result.lastPosition,
        rejected: this.result.rejected,
      } satisfies IngestionProgress);
    }
    this.result.sourcesCreated = sources.created;
    // A structured report none of whose lines could be taken is a bad submission; an article may simply hold no figure of ours.
    if (payload.kind === 'structured' && this.accepted === 0) {
      throw new UnrecoverableError(`${IngestionErrorCodes.nothingIngested}: all ${candidates.length} figures were rejected (see rejected)`);
    }
    return this.result;
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

  /** The report's registration, checked by the ledger's rules now (a refusal fails the job before any write). */
  private reportToRegister(payload: IngestionPayload): { data: RegisterReport['data']; state: ReportState } {
    const { publisher, title, url, publishedAt, language } = payload.report;
    const data: RegisterReport['data'] = {
      reportId: reportIdFor(payload),
      publisher,
      title,
      url: url ?? null,
      publishedAt,
      language,
      contentHash: payload.kind === 'article' ? sha256Hex(payload.text) : null,
    };
    this.result.report.reportId = data.reportId;
    const events = reportDecider.decide({ type: 'RegisterReport', data, now: this.now }, reportDecider.initialState());
    return { data, state: events.reduce(reportDecider.evolve, reportDecider.initialState()) };
  }

  /**
   * Matching reads the catalog and figures read models, so they must show
   * every write made before this job started (earlier jobs, a source an
   * analyst just registered, what a crashed attempt wrote). Bounded: a read
   * model that stays behind fails the attempt, and BullMQ retries later.
   */
  private async catchUp(): Promise<void> {
    const head = await headPosition(this.deps.db);
    if (head === null) return;
    try {
      await waitForPosition(this.deps.db, INGESTION_READ_MODELS, head, this.deps.options.readModelWaitMs);
    } catch (error) {
      if (isDomainError(error) && error.code === WaitErrorCodes.positionUnknown) return;
      throw error;
    }
  }

  /**
   * One line through the ledger's rules without writing: the metric exists and
   * has the line's unit, a new source's name is one the ledger takes, and the
   * figure itself passes the ledger's ReportFigure rules (amounts, dates, and
   * whatever rule the metric's unit brings) against the real metric.
   */
  private async check(candidate: Candidate, report: ReportState, sources: JobSources): Promise<CheckedLine | Rejection> {
    const reject = (code: string, reason: string): Rejection => ({ ...candidate.at, code, reason, quote: candidate.quote });
    const metric = await this.metricState(candidate.metricKey);
    if (metric.status !== 'registered') return reject(IngestionErrorCodes.metricNotFound, `metric ${candidate.metricKey} is not registered`);
    if (candidate.unit !== null && candidate.unit !== metric.unit) {
      return reject(IngestionErrorCodes.unitMismatch, `unit ${candidate.unit} is not the unit of metric ${metric.key} (${metric.unit})`);
    }
    try {
      if (!sources.isKnown(candidate)) checkNewSourceName(candidate.sourceName, this.now);
      const source = sourceDecider
        .decide({ type: 'RegisterSource', now: this.now, data: { sourceId: CHECK_SOURCE_ID, name: CHECK_SOURCE_ID, kind: 'other' } }, sourceDecider.initialState())
        .reduce(sourceDecider.evolve, sourceDecider.initialState());
      figureDecider.decide(
        {
          type: 'ReportFigure',
          now: this.now,
          data: this.reportFigureData(CHECK_FIGURE_ID, candidate, metric, CHECK_SOURCE_ID, (report as { reportId: string }).reportId),
          refs: { metric, source, report },
        },
        figureDecider.initialState(),
      );
    } catch (error) {
      if (isTransient(error)) throw error;
      return reject((error as DomainError).code, (error as DomainError).message);
    }
    return { candidate, metric };
  }

  private async ingest({ candidate, metric }: CheckedLine, report: RegisterReport['data'], sources: JobSources): Promise<void> {
    const reject = (code: string, reason: string) => this.result.rejected.push({ ...candidate.at, code, reason, quote: candidate.quote });
    let sourceIds: string[];
    try {
      sourceIds = await sources.resolve(candidate);
    } catch (error) {
      if (isTransient(error)) throw error;
      return void reject((error as DomainError).code, (error as DomainError).message);
    }
    let accepted = false;
    for (const sourceId of sourceIds) {
      const key = `${metric.key}\u0000${sourceId}`;
      const existing = await activeFiguresOf(this.deps.db, metric.key, sourceId);
      const inJob = [...(this.written.get(key)?.values() ?? [])];
      const claim = { amount: candidate.amount, validAt: candidate.validAt, reportId: report.reportId, revises: candidate.revises };
      const seed = figureSeed(this.job.data.hash, candidate.at.index, sourceId);
      try {
        const decision = decideMatch(claim, existing, inJob);
        // What an earlier attempt already wrote for this line counts as what it was, not as "unchanged".
        const landed = await this.landed(seed, decision, (figureId) =>
          decideMatch(claim, existing.filter((f) => f.figureId !== figureId), inJob.filter((f) => f.figureId !== figureId)),
        );
        const effective = landed ?? decision;
        if (effective.kind !== 'reject') await this.ensureReport(report);
        const written = await this.apply(effective, candidate, { reportId: report.reportId, sourceId, metric, seed, replayed: landed !== null });
        if (written?.view) this.remember(key, written.view);
        accepted ||= effective.kind !== 'reject';
      } catch (error) {
        // A rule of the ledger refused this figure (dates, units, state): reject the line, go on with the rest.
        if (isTransient(error)) throw error;
        reject((error as DomainError).code, (error as DomainError).message);
      }
    }
    if (accepted) this.accepted++;
  }

  /**
   * The write an earlier attempt of this job made for this line, found by its
   * deterministic event id on the figure the decision names (or the figure the
   * line would have reported), as the decision it was. Null when none landed.
   */
  private async landed(seed: string, decision: MatchDecision, before: (figureId: string) => MatchDecision): Promise<MatchDecision | null> {
    const figureIds = new Set([this.newFigureId(seed)]);
    if (decision.kind === 'corroborate' || decision.kind === 'revise') figureIds.add(decision.figureId);
    const [event] = await eventsByIds(this.deps.db, [...figureIds].map((id) => firstEventId(seed, figureStreamId(id))));
    if (!event) return null;
    const figureId = event.streamId.slice(figureStreamId('').length);
    switch (event.type) {
      case FigureEventTypes.reported: {
        const original = before(figureId);
        return { kind: 'report', reason: original.kind === 'report' ? original.reason : 'new' };
      }
      case FigureEventTypes.corroborated:
        return { kind: 'corroborate', figureId, alreadyCited: false };
      case FigureEventTypes.revised:
        return { kind: 'revise', figureId, revisionKind: event.data.kind === 'update' ? 'update' : 'correction' };
      default:
        return null;
    }
  }

  /** Registers the report (and stores an article's text) once, when the first line citing it is written. */
  private async ensureReport(report: RegisterReport['data']): Promise<void> {
    if (this.reportRegistered) return;
    const payload = this.job.data.payload;
    try {
      const written = await this.deps.commands.execute(new RegisterReportCommand(report, this.ctx(reportSeed(this.job.data.hash))));
      this.result.report.created = true;
      this.track(written.position);
    } catch (error) {
      // Registered before (through the API, or another submission of the same report): cite it as it is.
      if (!isDomainError(error) || error.code !== LedgerErrorCodes.reportAlreadyRegistered) throw unrecoverableIfRefused(error);
    }
    if (payload.kind === 'article') {
      try {
        await this.deps.commands.execute(new StoreReportTextCommand(report.reportId, payload.text));
        this.result.report.textStored = true;
      } catch (error) {
        // An existing report with another content hash keeps its own text.
        if (!isDomainError(error) || error.kind !== 'invalid') throw error;
      }
    }
    this.reportRegistered = true;
  }

  private newFigureId(seed: string): string {
    return deterministicEventIds(`${seed}:figure`)(0);
  }

  private reportFigureData(figureId: string, c: Candidate, metric: RegisteredMetric, sourceId: string, reportId: string): ReportFigure['data'] {
    return {
      figureId,
      metricKey: metric.key,
      sourceId,
      amount: c.amount,
      unit: metric.unit,
      validAt: c.validAt,
      statedAt: c.statedAt,
      citation: { reportId, quote: c.quote, offset: c.quoteOffset },
      method: c.method,
      scopeNote: c.scopeNote,
    };
  }

  private async apply(
    decision: MatchDecision,
    c: Candidate,
    at: { reportId: string; sourceId: string; metric: RegisteredMetric; seed: string; replayed: boolean },
  ): Promise<FigureWrite | null> {
    const citation = { reportId: at.reportId, quote: c.quote, offset: c.quoteOffset };
    let written: FigureWrite;
    switch (decision.kind) {
      case 'reject':
        this.result.rejected.push({ ...c.at, code: decision.code, reason: decision.reason, quote: c.quote });
        return null;
      case 'report': {
        const data = this.reportFigureData(this.newFigureId(at.seed), c, at.metric, at.sourceId, at.reportId);
        written = await this.deps.commands.execute(new ReportFigureCommand(data, this.ctx(at.seed)));
        this.result.figuresReported++;
        if (decision.reason === 'update') this.result.updates++;
        break;
      }
      case 'corroborate':
        written = await this.deps.commands.execute(new CorroborateFigureCommand({ figureId: decision.figureId, citation }, this.ctx(at.seed)));
        // A replay appends nothing (changed is false), but it stands for the corroboration the earlier attempt wrote.
        if (written.changed || at.replayed) this.result.corroborations++;
        else this.result.unchanged++;
        break;
      case 'revise':
        written = await this.deps.commands.execute(
          new ReviseFigureCommand(
            {
              figureId: decision.figureId,
              kind: decision.revisionKind,
              amount: c.amount,
              validAt: c.validAt,
              statedAt: c.statedAt,
              citation,
              method: c.method,
              reason: c.reason ?? `${this.job.data.payload.report.publisher} reports a revised figure: "${c.quote.slice(0, 300)}"`,
            },
            this.ctx(at.seed),
          ),
        );
        this.result.revisions++;
        break;
    }
    if (!this.result.figureIds.includes(written.id)) this.result.figureIds.push(written.id);
    this.track(written.position);
    return written;
  }

  /** The metric as its stream has it (the catalog read model may miss one registered a moment ago). */
  private async metricState(key: string): Promise<MetricState> {
    let state = this.metricStates.get(key);
    if (!state) {
      state = LedgerPatterns.metricKey.test(key) ? (await this.deps.writer.load(metricStreamId(key), metricDecider)).state : metricDecider.initialState();
      this.metricStates.set(key, state);
    }
    return state;
  }

  private remember(key: string, view: FigureView): void {
    let figures = this.written.get(key);
    if (!figures) this.written.set(key, (figures = new Map()));
    if (view.status !== 'active') return void figures.delete(view.figureId);
    figures.set(view.figureId, {
      figureId: view.figureId,
      amount: view.current.amount,
      validAt: view.current.validAt,
      citedReportIds: view.citedReportIds,
      previousAmounts: view.versions.slice(0, -1).map((v) => v.amount),
    });
  }

  private track(position: string | null): void {
    this.result.lastPosition = maxPosition(this.result.lastPosition, position);
  }

  private ctx(idempotencySeed: string): WriteContext {
    const { submittedBy, payload } = this.job.data;
    return {
      metadata: {
        actor: submittedBy.actor,
        ...(submittedBy.requestId ? { requestId: submittedBy.requestId } : {}),
        correlationId: submittedBy.correlationId ?? this.job.id!,
        causationId: this.job.id!,
        reason: `ingestion of ${payload.kind} report (job ${this.job.id})`,
        ingestionJobId: this.job.id!,
      },
      now: this.now,
      idempotencySeed,
    };
  }
}

/** The extractor's catalog: registered metrics with patterns; the built-in one when none has any. */
export function extractionCatalog(metrics: readonly CatalogMetric[]): MetricPattern[] {
  const decoded = metrics.map(decodeMetricPattern).filter((m): m is MetricPattern => m !== null);
  return decoded.length > 0 ? decoded : DEFAULT_METRIC_PATTERNS;
}
