import { countBelow } from './sorted-search';

describe('countBelow', () => {
  const xs = [1, 3, 3, 7];
  it('counts the items below a value, or at it too when inclusive', () => {
    expect([0, 1, 3, 4, 8].map((v) => countBelow(xs, (x) => x, v))).toEqual([0, 0, 1, 3, 4]);
    expect([0, 1, 3, 4, 8].map((v) => countBelow(xs, (x) => x, v, true))).toEqual([0, 1, 3, 3, 4]);
    expect(countBelow([], (x: number) => x, 5)).toBe(0);
  });
});
