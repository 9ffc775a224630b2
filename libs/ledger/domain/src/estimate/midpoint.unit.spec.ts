import fc from 'fast-check';
import { isAmountInBounds, MAX_AMOUNT } from '@factledger/shared';
import { parseAmount, parseNewAmount } from '../figure/amount';
import { computeEstimate } from './compute-estimate';
import { midpoint, normaliseAmount } from './normalise-amount';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
// Doubles within a factor of 2^10 of ±MAX_VALUE, where (a + b) / 2 overflows for most pairs of one sign.
const nearMax = fc.double({ min: Number.MAX_VALUE / 1024, max: Number.MAX_VALUE, noNaN: true }).chain((x) => fc.constantFrom(x, -x));
const anyDouble = fc.oneof(
  finite,
  nearMax,
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, MAX_AMOUNT, -MAX_AMOUNT),
);
const runs = { numRuns: 20_000 };

describe('midpoint (ranges and medians of amounts)', () => {
  it('is exactly (a + b) / 2 wherever that does not overflow', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (a, b) => {
        const naive = (a + b) / 2;
        if (Number.isFinite(naive)) expect(Object.is(midpoint(a, b), naive)).toBe(true);
      }),
      runs,
    );
  });

  it('is finite, symmetric and between its arguments for every pair of finite doubles, near ±MAX_VALUE included', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (a, b) => {
        const m = midpoint(a, b);
        expect(Number.isFinite(m)).toBe(true);
        expect(m).toBe(midpoint(b, a));
        expect(m).toBeGreaterThanOrEqual(Math.min(a, b));
        expect(m).toBeLessThanOrEqual(Math.max(a, b));
      }),
      runs,
    );
  });

  it('takes the overflow-free path exactly where (a + b) overflows, and is then the correctly rounded a/2 + b/2', () => {
    fc.assert(
      fc.property(nearMax, nearMax, (a, b) => {
        if (Number.isFinite(a + b)) return;
        expect(midpoint(a, b)).toBe(a / 2 + b / 2);
      }),
      runs,
    );
    expect(midpoint(1e308, 1.6e308)).toBe(1.3e308);
    expect(midpoint(Number.MAX_VALUE, Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(midpoint(-Number.MAX_VALUE, -Number.MAX_VALUE)).toBe(-Number.MAX_VALUE);
  });
});

describe('amounts near the limits of a double (stored before the amount bound)', () => {
  const figure = (sourceId: string, low: number, high: number) => ({
    figureId: `f-${sourceId}`,
    sourceId,
    partyToConflict: false,
    amount: parseAmount({ qualifier: 'range', low, high }),
    validAt: { date: '2024-10-28', precision: 'day' as const },
    recordedPosition: '1',
    recordedAt: '2024-10-28T12:00:00.000Z',
  });

  it('a range of 1e308–1.6e308 has a finite point', () => {
    expect(normaliseAmount({ qualifier: 'range', low: 1e308, high: 1.6e308 })).toEqual({ point: 1.3e308, low: 1e308, high: 1.6e308 });
  });

  it('the median of 1.5e308 and 1.7e308 is 1.6e308, and the envelope is finite', () => {
    const estimate = computeEstimate([figure('a', 1.5e308, 1.5e308), figure('b', 1.7e308, 1.7e308)]);
    expect(estimate).toMatchObject({ consensus: 1.6e308, low: 1.5e308, high: 1.7e308, sourceCount: 2 });
    const negative = computeEstimate([figure('a', -1.7e308, -1.5e308), figure('b', -Number.MAX_VALUE, -1e308)]);
    expect(Number.isFinite(negative.consensus)).toBe(true);
  });

  it('the median of any finite points is finite and between the middle two', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { minLength: 1, maxLength: 8 }), (values) => {
        const estimate = computeEstimate(values.map((v, i) => figure(`s${i}`, v, v)));
        const sorted = [...values].sort((x, y) => x - y);
        const lower = sorted[Math.floor((sorted.length - 1) / 2)]!;
        const upper = sorted[Math.floor(sorted.length / 2)]!;
        expect(Number.isFinite(estimate.consensus)).toBe(true);
        expect(estimate.consensus!).toBeGreaterThanOrEqual(lower);
        expect(estimate.consensus!).toBeLessThanOrEqual(upper);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the amount bound on new writes', () => {
  it.each([[MAX_AMOUNT], [-MAX_AMOUNT], [0], [1.5]])('accepts %d', (value) => {
    expect(parseNewAmount({ qualifier: 'exact', value })).toEqual({ qualifier: 'exact', value });
  });

  it.each([[MAX_AMOUNT * 1.000001], [-1e16], [1e308], [Number.MAX_VALUE]])('refuses %d as malformed (400), naming the bound', (value) => {
    expect(isAmountInBounds(value)).toBe(false);
    expect(() => parseNewAmount({ qualifier: 'range', low: 0, high: value < 0 ? 0 : value, ...(value < 0 && { low: value }) })).toThrow(
      expect.objectContaining({
        code: 'figure.amount_invalid',
        kind: 'malformed',
        details: expect.objectContaining({ reason: expect.stringContaining(String(MAX_AMOUNT)) }),
      }),
    );
  });

  it('still reads a stored amount beyond the bound (parseAmount is not bounded)', () => {
    expect(parseAmount({ qualifier: 'range', low: 1e308, high: 1.6e308 })).toEqual({ qualifier: 'range', low: 1e308, high: 1.6e308 });
  });
});
