import { normaliseAmount } from './normalise-amount';

describe('normaliseAmount', () => {
  it.each([
    [
      { qualifier: 'exact', value: 3000 },
      { point: 3000, low: 3000, high: 3000 },
    ],
    [
      { qualifier: 'approximately', value: 12000 },
      { point: 12000, low: 12000, high: 12000 },
    ],
    [
      { qualifier: 'up_to', high: 1500 },
      { point: 1500, low: null, high: 1500 },
    ],
    [
      { qualifier: 'at_least', low: 10000 },
      { point: 10000, low: 10000, high: null },
    ],
    [
      { qualifier: 'more_than', low: 10000 },
      { point: 10000, low: 10000, high: null },
    ],
    [
      { qualifier: 'range', low: 2500, high: 3000 },
      { point: 2750, low: 2500, high: 3000 },
    ],
    [
      { qualifier: 'range', low: 1, high: 2 },
      { point: 1.5, low: 1, high: 2 },
    ],
  ] as const)('%j → %j', (amount, expected) => {
    expect(normaliseAmount(amount)).toStrictEqual(expected);
  });
});
