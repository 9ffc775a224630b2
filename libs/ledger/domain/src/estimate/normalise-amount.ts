import { assertNever } from '@factledger/shared';
import type { Amount } from '../figure/amount';

/** An amount reduced to one comparable point plus the bounds it states. */
export interface NormalisedAmount {
  point: number;
  low: number | null;
  high: number | null;
}

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
      return { point: (amount.low + amount.high) / 2, low: amount.low, high: amount.high };
    default:
      return assertNever(amount, 'amount');
  }
};
