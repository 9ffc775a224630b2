import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { parseReportText, reportDecider, reportStreamId, type RegisterReport, type ReportState } from '@factledger/ledger-domain';
import { KYSELY } from '@factledger/platform';
import { invalid } from '@factledger/shared';
import { LedgerWriter } from '../ledger-writer';
import type { WriteContext, WriteResult } from '../write-context';
import { contentHashOf } from './report-text.hash';
import { discardOtherReportTexts, discardReportText, storeReportText, type ReportTextTables } from './report-text.repository';
import { RegisterReportCommand, UpdateReportCommand } from './report.command';

const asIs = <S>(s: S) => s;

@CommandHandler(RegisterReportCommand)
export class RegisterReportHandler implements ICommandHandler<RegisterReportCommand> {
  constructor(private readonly writer: LedgerWriter, @Inject(KYSELY) private readonly db: Kysely<ReportTextTables>) {}

  async execute({ data, ctx, text }: RegisterReportCommand): Promise<WriteResult<ReportState>> {
    if (text === undefined) return this.register(data, ctx);

    // The text is checked and hashed before anything is written.
    const body = parseReportText(text);
    const contentHash = contentHashOf(body);
    if (data.contentHash !== undefined && data.contentHash !== null && data.contentHash !== contentHash)
      throw invalid('report.content_hash_mismatch', 'contentHash is not the sha256 of text', { field: 'contentHash', expected: contentHash });
    const withText = { ...data, contentHash };

    const { state } = await this.writer.load(reportStreamId(data.reportId), reportDecider);
    // Registered already: a retry of this very write (answered as the first
    // time; its text was stored before its event) or a 409. Texts untouched.
    if (state.status !== 'empty') return this.register(withText, ctx);
    // Every domain rule (pure) before the text is stored, so a refused report stores nothing.
    reportDecider.decide({ type: 'RegisterReport', data: withText, now: ctx.now }, state);

    // Text first, under (report, hash), then the event: a failed store appends
    // nothing; a failed append leaves a row of a hash no report carries,
    // never served (reads key by the report's hash), and dropped here.
    const inserted = await storeReportText(this.db, data.reportId, contentHash, body);
    let result: WriteResult<ReportState>;
    try {
      result = await this.register(withText, ctx);
    } catch (error) {
      if (inserted) await this.discardUnless(data.reportId, contentHash).catch(() => undefined);
      throw error;
    }
    await discardOtherReportTexts(this.db, data.reportId, contentHash).catch(() => undefined);
    return result;
  }

  private register(data: RegisterReport['data'], ctx: WriteContext) {
    return this.writer.execute(data.reportId, reportStreamId(data.reportId), reportDecider, { type: 'RegisterReport', data, now: ctx.now }, ctx, asIs);
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
