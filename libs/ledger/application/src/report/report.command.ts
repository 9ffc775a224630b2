import { Command } from '@nestjs/cqrs';
import type { RegisterReport, ReportState, UpdateReport } from '@factledger/ledger-domain';
import type { WriteContext, WriteResult } from '../write-context';

/**
 * Registers a report; with `text`, also stores its raw text (its sha256
 * becomes the contentHash) — both or neither, from the client's view.
 */
export class RegisterReportCommand extends Command<WriteResult<ReportState>> {
  constructor(
    readonly data: RegisterReport['data'],
    readonly ctx: WriteContext,
    readonly text?: string,
  ) {
    super();
  }
}

export class UpdateReportCommand extends Command<WriteResult<ReportState>> {
  constructor(
    readonly data: UpdateReport['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
