import { Command } from '@nestjs/cqrs';
import type { MetricState, RegisterMetric, UpdateMetric } from '@factledger/ledger-domain';
import type { WriteContext, WriteResult } from '../write-context';

export class RegisterMetricCommand extends Command<WriteResult<MetricState>> {
  constructor(
    readonly data: RegisterMetric['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

export class UpdateMetricCommand extends Command<WriteResult<MetricState>> {
  constructor(
    readonly data: UpdateMetric['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
