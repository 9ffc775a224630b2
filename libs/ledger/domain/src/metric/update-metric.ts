import { invalid, notFound } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { sameList } from '../validation/fields';
import { metricFields } from './metric.fields';
import type { MetricEvent, MetricUpdatedData } from './metric.events';
import type { MetricState } from './metric.state';

/** Omitted fields stay as they are. `unit` may be repeated but never changed. */
export type UpdateMetric = LedgerCommand<
  'UpdateMetric',
  {
    key: string;
    label?: string;
    description?: string;
    aliases?: string[];
    patterns?: string[];
    unit?: string;
  }
>;

export const updateMetric = ({ data }: UpdateMetric, state: MetricState): MetricEvent[] => {
  if (state.status !== 'registered')
    throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${String(data.key)} is not registered`, { key: data.key });
  // The key routes the command to its stream; a different key means a wrong stream.
  if (data.key !== state.key) throw metricFields.mismatch('key');

  // Figures already recorded in the old unit would silently change meaning.
  if (data.unit !== undefined && metricFields.unit(data.unit) !== state.unit)
    throw invalid(LedgerErrorCodes.metricUnitImmutable, `The unit of metric ${state.key} cannot change`, {
      key: state.key,
      unit: state.unit,
      requested: data.unit,
    });

  // Record only real changes so the history reads as what actually changed.
  const changes: MetricUpdatedData = { key: state.key };
  if (data.label !== undefined) {
    const label = metricFields.label(data.label);
    if (label !== state.label) changes.label = label;
  }
  if (data.description !== undefined) {
    const description = metricFields.description(data.description);
    if (description !== state.description) changes.description = description;
  }
  if (data.aliases !== undefined) {
    const aliases = metricFields.aliases(data.aliases);
    if (!sameList(aliases, state.aliases)) changes.aliases = aliases;
  }
  if (data.patterns !== undefined) {
    const patterns = metricFields.patterns(data.patterns);
    if (!sameList(patterns, state.patterns)) changes.patterns = patterns;
  }
  if (Object.keys(changes).length === 1)
    throw invalid(LedgerErrorCodes.metricUpdateNoChange, `The update changes nothing on metric ${state.key}`, {
      key: state.key,
    });
  return [{ type: 'metric.updated.v1', data: changes }];
};
