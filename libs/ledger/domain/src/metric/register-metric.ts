import { conflict } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { metricFields } from './metric.fields';
import type { MetricEvent } from './metric.events';
import type { MetricState } from './metric.state';

export type RegisterMetric = LedgerCommand<
  'RegisterMetric',
  {
    key: string;
    label: string;
    unit: string;
    description?: string; // default ''
    aliases?: string[]; // default []
    patterns?: string[]; // default []
  }
>;

export const registerMetric = ({ data }: RegisterMetric, state: MetricState): MetricEvent[] => {
  if (state.status !== 'empty')
    throw conflict(LedgerErrorCodes.metricAlreadyRegistered, `Metric ${state.key} is already registered`, {
      key: state.key,
    });
  return [
    {
      type: 'metric.registered.v1',
      data: {
        key: metricFields.key(data.key),
        label: metricFields.label(data.label),
        unit: metricFields.unit(data.unit),
        description: metricFields.description(data.description ?? ''),
        aliases: metricFields.aliases(data.aliases ?? []),
        patterns: metricFields.patterns(data.patterns ?? []),
      },
    },
  ];
};
