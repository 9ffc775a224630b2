import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { metricDecider, metricStreamId } from '@factledger/ledger-domain';
import { LedgerWriter } from '../ledger-writer';
import { RegisterMetricCommand, UpdateMetricCommand } from './metric.command';

const asIs = <S>(s: S) => s;

@CommandHandler(RegisterMetricCommand)
export class RegisterMetricHandler implements ICommandHandler<RegisterMetricCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: RegisterMetricCommand) {
    return this.writer.execute(data.key, metricStreamId(data.key), metricDecider, { type: 'RegisterMetric', data, now: ctx.now }, ctx, asIs);
  }
}

@CommandHandler(UpdateMetricCommand)
export class UpdateMetricHandler implements ICommandHandler<UpdateMetricCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: UpdateMetricCommand) {
    return this.writer.execute(data.key, metricStreamId(data.key), metricDecider, { type: 'UpdateMetric', data, now: ctx.now }, ctx, asIs);
  }
}
