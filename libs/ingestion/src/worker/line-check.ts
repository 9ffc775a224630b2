import type { LedgerWriter } from '@factledger/ledger';
import {
  figureDecider,
  LedgerPatterns,
  metricDecider,
  metricStreamId,
  sourceDecider,
  type MetricState,
  type RegisteredMetric,
  type ReportState,
} from '@factledger/ledger-domain';
import type { DomainError } from '@factledger/shared';
import { checkNewSourceName, IngestionErrorCodes, type Candidate, type Rejection } from '../domain';
import { isTransient } from './fault-or-refusal';
import { reportFigureData } from './figure-writes';
import type { JobSources } from './job-sources';

/** A line that passed every check of the ledger's: what it is about. */
export interface CheckedLine {
  candidate: Candidate;
  metric: RegisteredMetric;
}

const CHECK_FIGURE_ID = '00000000-0000-8000-8000-000000000000';
const CHECK_SOURCE_ID = 'ingestion-line-check';

/**
 * The first pass: every line through the ledger's rules without writing, so
 * a refused line is rejected with the ledger's code and reason and a job
 * whose every line is refused leaves no event.
 */
export class LineCheck {
  /** Each metric as its stream has it (the catalog read model may miss one registered a moment ago). */
  private readonly metricStates = new Map<string, MetricState>();

  constructor(
    private readonly writer: LedgerWriter,
    private readonly sources: JobSources,
    /** The report as it would be registered: the figures cite it. */
    private readonly report: ReportState,
    private readonly now: string,
  ) {}

  /**
   * One line: the metric exists and has the line's unit, a new source's name
   * is one the ledger takes, and the figure itself passes the ledger's
   * ReportFigure rules (amounts, dates, and whatever rule the metric's unit
   * brings) against the real metric.
   */
  async check(candidate: Candidate): Promise<CheckedLine | Rejection> {
    const reject = (code: string, reason: string): Rejection => ({ ...candidate.at, code, reason, quote: candidate.quote });
    const metric = await this.metricState(candidate.metricKey);
    if (metric.status !== 'registered') return reject(IngestionErrorCodes.metricNotFound, `metric ${candidate.metricKey} is not registered`);
    if (candidate.unit !== null && candidate.unit !== metric.unit) {
      return reject(IngestionErrorCodes.unitMismatch, `unit ${candidate.unit} is not the unit of metric ${metric.key} (${metric.unit})`);
    }
    try {
      if (!this.sources.isKnown(candidate)) checkNewSourceName(candidate.sourceName, this.now);
      const source = sourceDecider
        .decide(
          { type: 'RegisterSource', now: this.now, data: { sourceId: CHECK_SOURCE_ID, name: CHECK_SOURCE_ID, kind: 'other' } },
          sourceDecider.initialState(),
        )
        .reduce(sourceDecider.evolve, sourceDecider.initialState());
      figureDecider.decide(
        {
          type: 'ReportFigure',
          now: this.now,
          data: reportFigureData(CHECK_FIGURE_ID, candidate, metric, CHECK_SOURCE_ID, (this.report as { reportId: string }).reportId),
          refs: { metric, source, report: this.report },
        },
        figureDecider.initialState(),
      );
    } catch (error) {
      if (isTransient(error)) throw error;
      return reject((error as DomainError).code, (error as DomainError).message);
    }
    return { candidate, metric };
  }

  private async metricState(key: string): Promise<MetricState> {
    let state = this.metricStates.get(key);
    if (!state) {
      state = LedgerPatterns.metricKey.test(key) ? (await this.writer.load(metricStreamId(key), metricDecider)).state : metricDecider.initialState();
      this.metricStates.set(key, state);
    }
    return state;
  }
}
