import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reportDecider, reportStreamId } from '@factledger/ledger-domain';
import { LedgerWriter } from '../ledger-writer';
import { RegisterReportCommand, UpdateReportCommand } from './report.command';

const asIs = <S>(s: S) => s;

@CommandHandler(RegisterReportCommand)
export class RegisterReportHandler implements ICommandHandler<RegisterReportCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: RegisterReportCommand) {
    const streamId = reportStreamId(data.reportId);
    return this.writer.execute(data.reportId, streamId, reportDecider, { type: 'RegisterReport', data, now: ctx.now }, ctx, asIs);
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
