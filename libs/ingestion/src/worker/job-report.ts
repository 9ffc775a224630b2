import type { CommandBus } from '@nestjs/cqrs';
import { RegisterReportCommand, StoreReportTextCommand, type WriteContext } from '@factledger/ledger';
import { LedgerErrorCodes, reportDecider, type RegisterReport, type ReportState } from '@factledger/ledger-domain';
import { isDomainError } from '@factledger/shared';
import { reportIdFor, reportSeed, sha256Hex, type IngestionPayload } from '../domain';
import { unrecoverableIfRefused } from './fault-or-refusal';
import type { RunResult } from './run-result';

export interface JobReportDeps {
  commands: CommandBus;
  ctx: (seed: string) => WriteContext;
  result: RunResult;
  hash: string;
  now: string;
}

/**
 * The report a job's figures cite. Its registration is checked by the
 * ledger's rules when the job starts (a refusal fails the job before any
 * write), and made only when the first line citing it is written.
 */
export class JobReport {
  readonly data: RegisterReport['data'];
  /** The report as registered: what the check pass runs figures against. */
  readonly state: ReportState;
  private registered = false;

  constructor(
    private readonly payload: IngestionPayload,
    private readonly deps: JobReportDeps,
  ) {
    const { publisher, title, url, publishedAt, language } = payload.report;
    this.data = {
      reportId: reportIdFor(payload),
      publisher,
      title,
      url: url ?? null,
      publishedAt,
      language,
      contentHash: payload.kind === 'article' ? sha256Hex(payload.text) : null,
    };
    deps.result.value.report.reportId = this.data.reportId;
    const events = reportDecider.decide({ type: 'RegisterReport', data: this.data, now: deps.now }, reportDecider.initialState());
    this.state = events.reduce(reportDecider.evolve, reportDecider.initialState());
  }

  /** Registers the report (and stores an article's text) once, when the first line citing it is written. */
  async ensureRegistered(): Promise<void> {
    if (this.registered) return;
    const { commands, ctx, result, hash } = this.deps;
    try {
      const written = await commands.execute(new RegisterReportCommand(this.data, ctx(reportSeed(hash))));
      result.value.report.created = true;
      result.track(written.position);
    } catch (error) {
      // Registered before (through the API, or another submission of the same report): cite it as it is.
      if (!isDomainError(error) || error.code !== LedgerErrorCodes.reportAlreadyRegistered) throw unrecoverableIfRefused(error);
    }
    if (this.payload.kind === 'article') {
      try {
        await commands.execute(new StoreReportTextCommand(this.data.reportId, this.payload.text));
        result.value.report.textStored = true;
      } catch (error) {
        // An existing report with another content hash keeps its own text.
        if (!isDomainError(error) || error.kind !== 'invalid') throw error;
      }
    }
    this.registered = true;
  }
}
