import { assertNever, type Decider } from '@factledger/shared';
import { upcastMetricEvent, type MetricEvent } from './metric.events';
import { evolveMetric, initialMetricState, type MetricState } from './metric.state';
import { registerMetric, type RegisterMetric } from './register-metric';
import { updateMetric, type UpdateMetric } from './update-metric';

export type MetricCommand = RegisterMetric | UpdateMetric;

export const decideMetric = (command: MetricCommand, state: MetricState): MetricEvent[] => {
  switch (command.type) {
    case 'RegisterMetric':
      return registerMetric(command, state);
    case 'UpdateMetric':
      return updateMetric(command, state);
    default:
      return assertNever(command, 'metric command');
  }
};

/** Stream `metric-<key>`. */
export const metricDecider: Decider<MetricCommand, MetricEvent, MetricState> = {
  upcast: upcastMetricEvent,
  initialState: initialMetricState,
  evolve: evolveMetric,
  decide: decideMetric,
};
