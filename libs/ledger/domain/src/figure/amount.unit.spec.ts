import { isDomainError } from '@factledger/shared';
import { LedgerErrorCodes as E } from '../errors';
import { parseAmount, sameAmount } from './amount';

const failure = (input: unknown) => {
  try {
    parseAmount(input);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, kind: error.kind, field: error.details.field };
    throw error;
  }
  throw new Error('expected parseAmount to throw');
};

describe('amount', () => {
  it.each([
    [
      { qualifier: 'exact', value: 3000 },
      { qualifier: 'exact', value: 3000 },
    ],
    [
      { qualifier: 'approximately', value: 12000 },
      { qualifier: 'approximately', value: 12000 },
    ],
    [
      { qualifier: 'up_to', high: 1500 },
      { qualifier: 'up_to', high: 1500 },
    ],
    [
      { qualifier: 'at_least', low: 10000 },
      { qualifier: 'at_least', low: 10000 },
    ],
    [
      { qualifier: 'more_than', low: 10000 },
      { qualifier: 'more_than', low: 10000 },
    ],
    [
      { qualifier: 'range', low: 10000, high: 12000 },
      { qualifier: 'range', low: 10000, high: 12000 },
    ],
    [
      { qualifier: 'range', low: 1500, high: 1500 },
      { qualifier: 'range', low: 1500, high: 1500 },
    ],
    // Absent bounds may arrive as null from JSON; they are dropped.
    [
      { qualifier: 'up_to', value: null, low: null, high: 1500 },
      { qualifier: 'up_to', high: 1500 },
    ],
    [
      { qualifier: 'exact', value: -0 },
      { qualifier: 'exact', value: 0 },
    ],
  ])('accepts %j', (input, expected) => {
    expect(parseAmount(input)).toStrictEqual(expected);
  });

  it.each([
    ['amount', null],
    ['amount', [1500]],
    ['amount.qualifier', { qualifier: 'around', value: 1 }],
    ['amount.qualifier', { value: 1 }],
    ['amount.value', { qualifier: 'exact' }],
    ['amount.low', { qualifier: 'exact', value: 3000, low: 2000 }],
    ['amount.high', { qualifier: 'up_to' }],
    ['amount.value', { qualifier: 'up_to', value: 1500, high: 1500 }],
    ['amount.low', { qualifier: 'at_least', high: 1500 }],
    ['amount.high', { qualifier: 'more_than', low: 10000, high: 12000 }],
    ['amount.high', { qualifier: 'range', low: 10000 }],
    ['amount.low', { qualifier: 'range', low: 12000, high: 10000 }],
    ['amount.value', { qualifier: 'exact', value: Number.NaN }],
    ['amount.value', { qualifier: 'exact', value: Number.POSITIVE_INFINITY }],
    ['amount.value', { qualifier: 'exact', value: '3000' }],
  ])('rejects with figure.amount_invalid naming %s: %j', (field, input) => {
    expect(failure(input)).toEqual({ code: E.figureAmountInvalid, kind: 'invalid', field });
  });

  it('compares amounts by qualifier and bounds', () => {
    expect(sameAmount({ qualifier: 'up_to', high: 1500 }, { qualifier: 'up_to', high: 1500 })).toBe(true);
    expect(sameAmount({ qualifier: 'up_to', high: 1500 }, { qualifier: 'range', low: 0, high: 1500 })).toBe(false);
    expect(sameAmount({ qualifier: 'exact', value: 3000 }, { qualifier: 'approximately', value: 3000 })).toBe(false);
    expect(sameAmount({ qualifier: 'range', low: 1, high: 2 }, { qualifier: 'range', low: 1, high: 3 })).toBe(false);
  });
});
