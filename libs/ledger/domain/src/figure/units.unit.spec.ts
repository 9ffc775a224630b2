import { fold } from '@factledger/shared';
import { LedgerErrorCodes as E } from '../errors';
import { metricDecider } from '../metric/metric.decider';
import { deciderSpec } from '../testing/decider-spec';
import { reportFigureCommand, reviseFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, metricRegistered } from '../testing/scenario';
import { figureDecider } from './figure.decider';
import { isNonNegativeUnit } from './units';

const spec = deciderSpec(figureDecider);
const metricIn = (unit: string) => fold(metricDecider, [{ ...metricRegistered, data: { ...metricRegistered.data, unit } }]);

describe('amounts and units: count-like units are never negative', () => {
  it.each([
    ['an exact value', { qualifier: 'exact', value: -5 }, 'amount.value'],
    ['an approximate value', { qualifier: 'approximately', value: -0.5 }, 'amount.value'],
    ['an upper bound', { qualifier: 'up_to', high: -1 }, 'amount.high'],
    ['a lower bound', { qualifier: 'at_least', low: -10 }, 'amount.low'],
    ['the low end of a range', { qualifier: 'range', low: -10, high: 20 }, 'amount.low'],
  ] as const)('given a metric in troops, when a figure reports %s below zero, then figure.amount_negative', (_label, amount, field) => {
    spec
      .given([])
      .when(reportFigureCommand({ amount }))
      .thenThrows(E.figureAmountNegative, { kind: 'invalid', details: { field, unit: 'troops' } });
  });

  it('given a figure in troops, when a revision brings it below zero, then figure.amount_negative', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ amount: { qualifier: 'exact', value: -3000 } }))
      .thenThrows(E.figureAmountNegative, { details: { field: 'amount.value' } });
  });

  it('given a metric in troops, when a figure reports zero (or -0), then it is recorded as 0', () => {
    const [event] = figureDecider.decide(reportFigureCommand({ amount: { qualifier: 'exact', value: -0 } }), figureDecider.initialState());
    expect(event!.data).toMatchObject({ amount: { qualifier: 'exact', value: 0 } });
  });

  it.each(['people', 'count', 'km2', 'KM', ' Troops '])('treats %s as count-like', (unit) => {
    expect(isNonNegativeUnit(unit)).toBe(true);
    spec
      .given([])
      .when(reportFigureCommand({ unit: undefined, amount: { qualifier: 'exact', value: -1 } }, { metric: metricIn(unit) }))
      .thenThrows(E.figureAmountNegative);
  });

  it.each(['usd', 'rub', 'percent', 'per_day'])('given a metric in %s, when a figure is negative, then it is recorded', (unit) => {
    expect(isNonNegativeUnit(unit)).toBe(false);
    const [event] = figureDecider.decide(
      reportFigureCommand({ amount: { qualifier: 'range', low: -2.5, high: 1 } }, { metric: metricIn(unit) }),
      figureDecider.initialState(),
    );
    expect(event!.data).toMatchObject({ unit, amount: { qualifier: 'range', low: -2.5, high: 1 } });
  });
});
