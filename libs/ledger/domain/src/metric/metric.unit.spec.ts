import { LedgerErrorCodes as E } from '../errors';
import { deciderSpec } from '../testing/decider-spec';
import { METRIC_KEY, metricRegistered, NOW } from '../testing/scenario';
import { metricDecider, type MetricCommand } from './metric.decider';

const spec = deciderSpec(metricDecider);

const register = (data: Partial<Extract<MetricCommand, { type: 'RegisterMetric' }>['data']> = {}): MetricCommand => ({
  type: 'RegisterMetric',
  data: { key: METRIC_KEY, label: 'North Korean troops in Russia', unit: 'troops', ...data },
  now: NOW,
});

const update = (data: Omit<Extract<MetricCommand, { type: 'UpdateMetric' }>['data'], 'key'>): MetricCommand => ({
  type: 'UpdateMetric',
  data: { key: METRIC_KEY, ...data },
  now: NOW,
});

describe('metric', () => {
  describe('RegisterMetric', () => {
    it('registers a metric, normalising text and defaulting the optional fields', () => {
      spec
        .given([])
        .when(register({ label: '  North Korean troops in Russia ' }))
        .then([
          {
            type: 'metric.registered.v1',
            data: {
              key: METRIC_KEY,
              label: 'North Korean troops in Russia',
              unit: 'troops',
              description: '',
              aliases: [],
              patterns: [],
            },
          },
        ]);
    });

    it('keeps aliases and patterns in order, dropping exact duplicates', () => {
      const state = spec
        .given([])
        .when(register({ aliases: ['DPRK troops', ' DPRK troops', 'KPA in Russia'], patterns: ['North Korean troops'] }))
        .then([
          {
            type: 'metric.registered.v1',
            data: {
              key: METRIC_KEY,
              label: 'North Korean troops in Russia',
              unit: 'troops',
              description: '',
              aliases: ['DPRK troops', 'KPA in Russia'],
              patterns: ['North Korean troops'],
            },
          },
        ]);
      expect(state).toMatchObject({ status: 'registered', key: METRIC_KEY, aliases: ['DPRK troops', 'KPA in Russia'] });
    });

    it('refuses to register the same metric twice', () => {
      spec.given([metricRegistered]).when(register()).thenThrows(E.metricAlreadyRegistered, { kind: 'conflict' });
    });

    it.each([
      ['key', { key: 'NK troops' }],
      ['key', { key: 'n' }],
      ['key', { key: '1troops' }],
      ['label', { label: '   ' }],
      ['label', { label: 'x'.repeat(201) }],
      ['label', { label: 'North\nKorean' }],
      ['unit', { unit: '' }],
      ['description', { description: 'd'.repeat(2001) }],
      ['aliases[1]', { aliases: ['ok', ''] }],
      ['aliases', { aliases: 'DPRK troops' as unknown as string[] }],
      ['patterns', { patterns: Array.from({ length: 51 }, (_, i) => `pattern ${i}`) }],
    ])('rejects an invalid %s', (field, data) => {
      spec.given([]).when(register(data)).thenThrows(E.metricInvalidField, { kind: 'malformed', details: { field } });
    });
  });

  describe('UpdateMetric', () => {
    it('records only the fields that changed', () => {
      const state = spec
        .given([metricRegistered])
        .when(
          update({
            label: 'North Korean troops deployed to Russia',
            description: metricRegistered.data.description,
            aliases: ['DPRK troops in Russia'],
            patterns: ['North Korean troops', 'North Korean soldiers', 'DPRK soldiers'],
          }),
        )
        .then([
          {
            type: 'metric.updated.v1',
            data: {
              key: METRIC_KEY,
              label: 'North Korean troops deployed to Russia',
              patterns: ['North Korean troops', 'North Korean soldiers', 'DPRK soldiers'],
            },
          },
        ]);
      expect(state).toMatchObject({
        label: 'North Korean troops deployed to Russia',
        description: metricRegistered.data.description,
        unit: 'troops',
      });
    });

    it('accepts the unchanged unit alongside other changes', () => {
      spec
        .given([metricRegistered])
        .when(update({ unit: 'troops', label: 'DPRK troops in Russia' }))
        .then([{ type: 'metric.updated.v1', data: { key: METRIC_KEY, label: 'DPRK troops in Russia' } }]);
    });

    it('refuses to change the unit', () => {
      spec
        .given([metricRegistered])
        .when(update({ unit: 'battalions' }))
        .thenThrows(E.metricUnitImmutable, { kind: 'invalid', details: { unit: 'troops', requested: 'battalions' } });
    });

    it('refuses an update that changes nothing', () => {
      spec
        .given([metricRegistered])
        .when(update({ label: metricRegistered.data.label, aliases: [...metricRegistered.data.aliases] }))
        .thenThrows(E.metricUpdateNoChange, { kind: 'invalid' });
      spec.given([metricRegistered]).when(update({})).thenThrows(E.metricUpdateNoChange);
    });

    it('refuses to update a metric that is not registered', () => {
      spec
        .given([])
        .when(update({ label: 'x' }))
        .thenThrows(E.metricNotFound, { kind: 'not_found' });
    });

    it('refuses a command addressed to another metric', () => {
      spec
        .given([metricRegistered])
        .when({ type: 'UpdateMetric', data: { key: 'other_metric', label: 'x' }, now: NOW })
        .thenThrows(E.metricInvalidField, { details: { field: 'key' } });
    });

    it('validates changed fields like registration does', () => {
      spec
        .given([metricRegistered])
        .when(update({ label: '' }))
        .thenThrows(E.metricInvalidField, { details: { field: 'label' } });
    });
  });
});
