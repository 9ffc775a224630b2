import { assertNever } from '@factledger/shared';
import type { MetricEvent } from './metric.events';

export interface RegisteredMetric {
  status: 'registered';
  key: string;
  label: string;
  unit: string;
  description: string;
  aliases: string[];
  patterns: string[];
}

export type MetricState = { status: 'empty' } | RegisteredMetric;

export const initialMetricState = (): MetricState => ({ status: 'empty' });

export const evolveMetric = (state: MetricState, event: MetricEvent): MetricState => {
  switch (event.type) {
    case 'metric.registered.v1':
      return { status: 'registered', ...event.data };
    case 'metric.updated.v1': {
      // An update before registration cannot be decided; ignore rather than crash a replay.
      if (state.status !== 'registered') return state;
      const { key: _key, ...changes } = event.data;
      return { ...state, ...changes };
    }
    default:
      return assertNever(event, 'metric event');
  }
};
