import { Command } from '@nestjs/cqrs';
import type { RegisterReport, ReportState, UpdateReport } from '@factledger/ledger-domain';
import type { WriteContext, WriteResult } from '../write-context';

export class RegisterReportCommand extends Command<WriteResult<ReportState>> {
  constructor(readonly data: RegisterReport['data'], readonly ctx: WriteContext) {
    super();
  }
}

export class UpdateReportCommand extends Command<WriteResult<ReportState>> {
  constructor(readonly data: UpdateReport['data'], readonly ctx: WriteContext) {
    super();
  }
}
