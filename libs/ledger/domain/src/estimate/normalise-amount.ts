import { assertNever } from '@factledger/shared';
import type { Amount } from '../figure/amount';

/** An amount reduced to one comparable point plus the bounds it states. */
export interface NormalisedAmount {
  point: number;
  low: number | null;
  high: number | null;
}

/**
 * The midpoint of two finite numbers, never overflowing: (a + b) / 2 where the
 * sum is finite — so every result is exactly what it always was — and
 * a / 2 + b / 2 where it is not (both near ±1.8e308, e.g. amounts stored
 * before the amount bound), which is then finite. Halving first everywhere
 * would differ for subnormals (5e-324 / 2 rounds to 0).
 */
export const midpoint = (a: number, b: number): number => {
  const sum = a + b;
  return Number.isFinite(sum) ? sum / 2 : a / 2 + b / 2;
};

/**
 * exact / approximately → point = low = high = value;
 * up_to → point = high, only a high bound;
 * at_least / more_than → point = low, only a low bound;
 * range → low and high, point = their midpoint.
 */
export const normaliseAmount = (amount: Amount): NormalisedAmount => {
  switch (amount.qualifier) {
    case 'exact':
    case 'approximately':
      return { point: amount.value, low: amount.value, high: amount.value };
    case 'up_to':
      return { point: amount.high, low: null, high: amount.high };
    case 'at_least':
    case 'more_than':
      return { point: amount.low, low: amount.low, high: null };
    case 'range':
      return { point: midpoint(amount.low, amount.high), low: amount.low, high: amount.high };
    default:
      return assertNever(amount, 'amount');
  }
};
