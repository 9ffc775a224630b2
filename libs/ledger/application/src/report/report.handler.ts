import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import {
  encodeReportEvent,
  parseReportText,
  reportDecider,
  reportStreamId,
  type RegisterReport,
  type ReportRegisteredWriteVersion,
  type ReportState,
} from '@factledger/ledger-domain';
import { KYSELY } from '@factledger/platform';
import { invalid } from '@factledger/shared';
import { reportRegisteredWriteVersion, type EventWriteVersionsTables } from '../event-versions/event-write-versions.repository';
import { LedgerWriter } from '../ledger-writer';
import type { WriteContext, WriteResult } from '../write-context';
import { contentHashOf } from './report-text.hash';
import { discardOtherReportTexts, discardReportText, storeReportText, type ReportTextTables } from './report-text.repository';
import { RegisterReportCommand, UpdateReportCommand } from './report.command';

const asIs = <S>(s: S) => s;

@CommandHandler(RegisterReportCommand)
export class RegisterReportHandler implements ICommandHandler<RegisterReportCommand> {
  constructor(
    private readonly writer: LedgerWriter,
    @Inject(KYSELY) private readonly db: Kysely<ReportTextTables & EventWriteVersionsTables>,
  ) {}

  async execute({ data, ctx, text }: RegisterReportCommand): Promise<WriteResult<ReportState>> {
    // Expand phase (1) or not (2): the operator's switch, read for each registration.
    const version = await reportRegisteredWriteVersion(this.db);
    if (text === undefined) return this.register(data, ctx, version);

    // The text is checked and hashed before anything is written.
    const body = parseReportText(text);
    const contentHash = contentHashOf(body);
    if (data.contentHash !== undefined && data.contentHash !== null && data.contentHash !== contentHash)
      throw invalid('report.content_hash_mismatch', 'contentHash is not the sha256 of text', { field: 'contentHash', expected: contentHash });
    const withText = { ...data, contentHash };

    const { state } = await this.writer.load(reportStreamId(data.reportId), reportDecider);
    // Registered already: a retry of this very write (answered as the first
    // time; its text was stored before its event) or a 409. Texts untouched.
    if (state.status !== 'empty') return this.register(withText, ctx, version);
    // Every domain rule (pure) before the text is stored, so a refused report stores nothing.
    reportDecider.decide({ type: 'RegisterReport', data: withText, now: ctx.now, registeredVersion: version }, state);

    // Text first, under (report, hash), then the event: a failed store appends
    // nothing; a failed append leaves a row of a hash no report carries,
    // never served (reads key by the report's hash), and dropped here.
    const inserted = await storeReportText(this.db, data.reportId, contentHash, body);
    let result: WriteResult<ReportState>;
    try {
      result = await this.register(withText, ctx, version);
    } catch (error) {
      if (inserted) await this.discardUnless(data.reportId, contentHash).catch(() => undefined);
      throw error;
    }
    await discardOtherReportTexts(this.db, data.reportId, contentHash).catch(() => undefined);
    return result;
  }

  /** Decided as v2, stored as the version the ledger writes now (v1 while processes that read only v1 may run). */
  private register(data: RegisterReport['data'], ctx: WriteContext, version: ReportRegisteredWriteVersion) {
    const decider = { ...reportDecider, encode: encodeReportEvent(version) };
    const command: RegisterReport = { type: 'RegisterReport', data, now: ctx.now, registeredVersion: version };
    return this.writer.execute(data.reportId, reportStreamId(data.reportId), decider, command, ctx, asIs);
  }

  /** Drops the stored text unless a (concurrent, identical) registration now carries its hash. */
  private async discardUnless(reportId: string, contentHash: string): Promise<void> {
    const { state } = await this.writer.load(reportStreamId(reportId), reportDecider);
    if (state.status === 'registered' && state.contentHash === contentHash) return;
    await discardReportText(this.db, reportId, contentHash);
  }
}

@CommandHandler(UpdateReportCommand)
export class UpdateReportHandler implements ICommandHandler<UpdateReportCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: UpdateReportCommand) {
    const streamId = reportStreamId(data.reportId);
    return this.writer.execute(data.reportId, streamId, reportDecider, { type: 'UpdateReport', data, now: ctx.now }, ctx, asIs);
  }
}
