import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { sourceDecider, sourceStreamId } from '@factledger/ledger-domain';
import { LedgerWriter } from '../ledger-writer';
import { RegisterSourceCommand, UpdateSourceCommand } from './source.command';

const asIs = <S>(s: S) => s;

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: RegisterSourceCommand) {
    const streamId = sourceStreamId(data.sourceId);
    return this.writer.execute(data.sourceId, streamId, sourceDecider, { type: 'RegisterSource', data, now: ctx.now }, ctx, asIs);
  }
}

@CommandHandler(UpdateSourceCommand)
export class UpdateSourceHandler implements ICommandHandler<UpdateSourceCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  execute({ data, ctx }: UpdateSourceCommand) {
    const streamId = sourceStreamId(data.sourceId);
    return this.writer.execute(data.sourceId, streamId, sourceDecider, { type: 'UpdateSource', data, now: ctx.now }, ctx, asIs);
  }
}
