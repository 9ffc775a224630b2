import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { parseReportText, reportDecider, reportStreamId, LedgerErrorCodes } from '@factledger/ledger-domain';
import { KYSELY } from '@factledger/platform';
import { invalid, notFound } from '@factledger/shared';
import { LedgerWriter } from '../ledger-writer';
import { contentHashOf } from './report-text.hash';
import { deleteReportText, discardOtherReportTexts, findReportText, storeReportText, type ReportTextTables } from './report-text.repository';
import { GetReportTextQuery, RedactReportTextCommand, StoreReportTextCommand } from './report-text.command';

export { contentHashOf } from './report-text.hash';

@CommandHandler(StoreReportTextCommand)
export class StoreReportTextHandler implements ICommandHandler<StoreReportTextCommand> {
  constructor(
    private readonly writer: LedgerWriter,
    @Inject(KYSELY) private readonly db: Kysely<ReportTextTables>,
  ) {}

  async execute({ reportId, body: text }: StoreReportTextCommand) {
    const body = parseReportText(text);
    const { state } = await this.writer.load(reportStreamId(reportId), reportDecider);
    if (state.status !== 'registered') throw notFound(LedgerErrorCodes.reportNotFound, `Report ${reportId} does not exist`, { reportId });
    const contentHash = contentHashOf(body);
    if (state.contentHash !== contentHash) {
      throw invalid('report.content_hash_mismatch', "The text does not hash to the report's contentHash (sha256 of the UTF-8 text)", {
        expected: state.contentHash,
        actual: contentHash,
      });
    }
    await storeReportText(this.db, reportId, contentHash, body);
    await discardOtherReportTexts(this.db, reportId, contentHash);
    return { reportId, contentHash, length: body.length };
  }
}

@CommandHandler(RedactReportTextCommand)
export class RedactReportTextHandler implements ICommandHandler<RedactReportTextCommand> {
  constructor(@Inject(KYSELY) private readonly db: Kysely<ReportTextTables>) {}
  async execute({ reportId }: RedactReportTextCommand) {
    return { reportId, redacted: await deleteReportText(this.db, reportId) };
  }
}

@QueryHandler(GetReportTextQuery)
export class GetReportTextHandler implements IQueryHandler<GetReportTextQuery> {
  constructor(
    private readonly writer: LedgerWriter,
    @Inject(KYSELY) private readonly db: Kysely<ReportTextTables>,
  ) {}
  async execute({ reportId }: GetReportTextQuery) {
    // Only the text with the hash the report carries counts (see storeReportText).
    const { state } = await this.writer.load(reportStreamId(reportId), reportDecider);
    const row = state.status === 'registered' && state.contentHash ? await findReportText(this.db, reportId, state.contentHash) : null;
    if (!row) throw notFound('report.text_not_found', `No text is stored for report ${reportId} (never stored, or redacted)`, { reportId });
    return { reportId, contentHash: row.content_hash, body: row.body, storedAt: row.stored_at };
  }
}
