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
import { LedgerErrorCodes, metricDecider, metricStreamId, type FigureView } from '@factledger/ledger-domain';
import { WaitErrorCodes, waitForPosition } from '@factledger/projections';
import { DomainError, isDomainError } from '@factledger/shared';
import {
  candidatesOf,
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
  type IngestionPayload,
  type IngestionResult,
  type KnownFigure,
  type MatchDecision,
} from '../domain';
import { activeFiguresOf, catalogMetrics, catalogSources, headPosition, INGESTION_READ_MODELS, type CatalogMetric } from '../repositories';
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

const maxPosition = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : BigInt(a) >= BigInt(b) ? a : b);

/**
 * One attempt at one ingestion job. Every write derives its event ids (and a
 * new figure its id) from the payload hash and the figure's index, so an
 * attempt that repeats what a crashed one wrote appends nothing.
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
  private readonly now = new Date().toISOString();

  constructor(
    private readonly deps: RunDeps,
    private readonly job: Job<IngestionJobData, IngestionResult>,
  ) {}

  async execute(): Promise<IngestionResult> {
    const { hash, lines } = this.job.data;
    const payload = this.validPayload();
    await this.catchUp();
    const [metrics, sourceCatalog] = await Promise.all([catalogMetrics(this.deps.db), catalogSources(this.deps.db)]);
    const metricByKey = new Map(metrics.map((m) => [m.key, m]));
    const candidates = candidatesOf(payload, { today: this.now.slice(0, 10), lines, metrics: extractionCatalog(metrics) });
    const reportId = await this.registerReport(payload);
    const sources = new JobSources(sourceCatalog, { commands: this.deps.commands, writer: this.deps.writer, hash, ctx: (seed) => this.ctx(seed) });

    for (const [index, item] of candidates.entries()) {
      if (isRejection(item)) this.result.rejected.push(item);
      else await this.ingest(item, reportId, metricByKey, sources);
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

  private async registerReport(payload: IngestionPayload): Promise<string> {
    const reportId = reportIdFor(payload);
    const contentHash = payload.kind === 'article' ? sha256Hex(payload.text) : null;
    const { publisher, title, url, publishedAt, language } = payload.report;
    this.result.report.reportId = reportId;
    try {
      const written = await this.deps.commands.execute(
        new RegisterReportCommand({ reportId, publisher, title, url: url ?? null, publishedAt, language, contentHash }, this.ctx(reportSeed(this.job.data.hash))),
      );
      this.result.report.created = true;
      this.track(written.position);
    } catch (error) {
      // Registered before (through the API, or another submission of the same report): cite it as it is.
      if (!isDomainError(error) || error.code !== LedgerErrorCodes.reportAlreadyRegistered) throw unrecoverableIfInvalid(error);
    }
    if (payload.kind === 'article') {
      try {
        await this.deps.commands.execute(new StoreReportTextCommand(reportId, payload.text));
        this.result.report.textStored = true;
      } catch (error) {
        // An existing report with another content hash keeps its own text.
        if (!isDomainError(error) || error.kind !== 'invalid') throw error;
      }
    }
    return reportId;
  }

  private async ingest(candidate: Candidate, reportId: string, metrics: Map<string, CatalogMetric>, sources: JobSources): Promise<void> {
    const metric = metrics.get(candidate.metricKey) ?? (await this.metricFromStream(candidate.metricKey));
    const reject = (code: string, reason: string) => this.result.rejected.push({ ...candidate.at, code, reason, quote: candidate.quote });
    if (!metric) return void reject(IngestionErrorCodes.metricNotFound, `metric ${candidate.metricKey} is not registered`);
    if (candidate.unit !== null && candidate.unit !== metric.unit) {
      return void reject(IngestionErrorCodes.unitMismatch, `unit ${candidate.unit} is not the unit of metric ${metric.key} (${metric.unit})`);
    }
    let accepted = false;
    for (const sourceId of await sources.resolve(candidate)) {
      const key = `${metric.key}\u0000${sourceId}`;
      const existing = await activeFiguresOf(this.deps.db, metric.key, sourceId);
      const decision = decideMatch(
        { amount: candidate.amount, validAt: candidate.validAt, reportId, revises: candidate.revises },
        existing,
        [...(this.written.get(key)?.values() ?? [])],
      );
      try {
        const written = await this.apply(decision, candidate, { reportId, sourceId, metric });
        if (written?.view) this.remember(key, written.view);
        accepted ||= decision.kind !== 'reject';
      } catch (error) {
        // A rule of the ledger refused this figure (dates, units, state): reject the line, go on with the rest.
        if (!isDomainError(error) || error.kind === 'unavailable' || error.code === 'stream.concurrent_write') throw error;
        reject(error.code, error.message);
      }
    }
    if (accepted) this.accepted++;
  }

  private async apply(decision: MatchDecision, c: Candidate, at: { reportId: string; sourceId: string; metric: CatalogMetric }): Promise<FigureWrite | null> {
    const seed = figureSeed(this.job.data.hash, c.at.index, at.sourceId);
    const citation = { reportId: at.reportId, quote: c.quote, offset: c.quoteOffset };
    let written: FigureWrite;
    switch (decision.kind) {
      case 'reject':
        this.result.rejected.push({ ...c.at, code: decision.code, reason: decision.reason, quote: c.quote });
        return null;
      case 'report': {
        const figureId = deterministicEventIds(`${seed}:figure`)(0);
        written = await this.deps.commands.execute(
          new ReportFigureCommand(
            { figureId, metricKey: at.metric.key, sourceId: at.sourceId, amount: c.amount, unit: at.metric.unit, validAt: c.validAt, statedAt: c.statedAt, citation, method: c.method, scopeNote: c.scopeNote },
            this.ctx(seed),
          ),
        );
        this.result.figuresReported++;
        if (decision.reason === 'update') this.result.updates++;
        break;
      }
      case 'corroborate':
        written = await this.deps.commands.execute(new CorroborateFigureCommand({ figureId: decision.figureId, citation }, this.ctx(seed)));
        if (written.changed) this.result.corroborations++;
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
            this.ctx(seed),
          ),
        );
        this.result.revisions++;
        break;
    }
    if (!this.result.figureIds.includes(written.id)) this.result.figureIds.push(written.id);
    this.track(written.position);
    return written;
  }

  /** The catalog read model may miss a metric registered a moment ago; its stream never does. */
  private async metricFromStream(key: string): Promise<CatalogMetric | null> {
    if (!/^[a-z][a-z0-9_]{1,99}$/.test(key)) return null;
    const { state } = await this.deps.writer.load(metricStreamId(key), metricDecider);
    return state.status === 'registered' ? { key: state.key, unit: state.unit, patterns: state.patterns } : null;
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

const unrecoverableIfInvalid = (error: unknown): unknown =>
  error instanceof DomainError && error.kind === 'invalid' ? new UnrecoverableError(`${error.code}: ${error.message}`) : error;
