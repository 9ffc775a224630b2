import { invalid } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import type { Amount } from './amount';

/**
 * Units that count or measure things: a negative value or bound is not a
 * claim any source can make. Units not listed — currencies (usd, rub, eur),
 * percent, rates and changes (per_day, net change) — may be negative.
 * Matched case-insensitively on the trimmed unit.
 */
export const NON_NEGATIVE_UNITS = [
  'count',
  'events',
  'people',
  'persons',
  'troops',
  'soldiers',
  'casualties',
  'deaths',
  'killed',
  'wounded',
  'prisoners',
  'refugees',
  'battalions',
  'vehicles',
  'tanks',
  'aircraft',
  'drones',
  'missiles',
  'km',
  'km2',
  'm',
  'm2',
  'mi',
  'mi2',
  'ha',
] as const;

const NON_NEGATIVE = new Set<string>(NON_NEGATIVE_UNITS);

export const isNonNegativeUnit = (unit: string): boolean => NON_NEGATIVE.has(unit.trim().toLowerCase());

/** Refuses a negative value or bound for a count-like unit (figure.amount_negative). */
export const assertAmountFitsUnit = (amount: Amount, unit: string, field = 'amount'): void => {
  if (!isNonNegativeUnit(unit)) return;
  for (const bound of ['value', 'low', 'high'] as const) {
    const number = (amount as Partial<Record<typeof bound, number>>)[bound];
    if (number !== undefined && number < 0)
      throw invalid(LedgerErrorCodes.figureAmountNegative, `${field}.${bound} must not be negative for unit ${unit}`, {
        field: `${field}.${bound}`,
        reason: `must not be negative for unit ${unit}`,
        unit,
      });
  }
};
