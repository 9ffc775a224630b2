import { Command } from '@nestjs/cqrs';
import type { RegisterSource, SourceState, UpdateSource } from '@factledger/ledger-domain';
import type { WriteContext, WriteResult } from '../write-context';

export class RegisterSourceCommand extends Command<WriteResult<SourceState>> {
  constructor(
    readonly data: RegisterSource['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

export class UpdateSourceCommand extends Command<WriteResult<SourceState>> {
  constructor(
    readonly data: UpdateSource['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
