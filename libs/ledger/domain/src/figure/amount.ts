import { AMOUNT_RULE, invalid, isAmountInBounds, malformed } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';

export const AMOUNT_QUALIFIERS = ['exact', 'approximately', 'up_to', 'at_least', 'more_than', 'range'] as const;
export type AmountQualifier = (typeof AMOUNT_QUALIFIERS)[number];

/**
 * A reported amount, as the source qualified it: "about 12,000" is
 * `approximately 12000`, "up to 1,500" is `up_to` with `high: 1500`.
 * Each qualifier carries exactly the bounds it implies, nothing else.
 */
export type Amount =
  | { qualifier: 'exact' | 'approximately'; value: number }
  | { qualifier: 'up_to'; high: number }
  | { qualifier: 'at_least' | 'more_than'; low: number }
  | { qualifier: 'range'; low: number; high: number };

/** What callers send; `null` and `undefined` both mean "not given". */
export interface AmountInput {
  qualifier: AmountQualifier;
  value?: number | null;
  low?: number | null;
  high?: number | null;
}

type Bound = 'value' | 'low' | 'high';

/** The bounds each qualifier requires; every other bound must be absent. */
export const AMOUNT_FIELDS: Readonly<Record<AmountQualifier, readonly Bound[]>> = {
  exact: ['value'],
  approximately: ['value'],
  up_to: ['high'],
  at_least: ['low'],
  more_than: ['low'],
  range: ['low', 'high'],
};

const fail = (field: string, reason: string) => invalid(LedgerErrorCodes.figureAmountInvalid, `${field} ${reason}`, { field, reason });

export const parseAmount = (input: unknown, field = 'amount'): Amount => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw fail(field, 'must be an object');
  const raw = input as Record<string, unknown>;
  const qualifier = raw.qualifier;
  if (typeof qualifier !== 'string' || !(AMOUNT_QUALIFIERS as readonly string[]).includes(qualifier))
    throw fail(`${field}.qualifier`, `must be one of ${AMOUNT_QUALIFIERS.join(', ')}`);
  const required = AMOUNT_FIELDS[qualifier as AmountQualifier];

  const bounds: Partial<Record<Bound, number>> = {};
  for (const bound of ['value', 'low', 'high'] as const) {
    const given = raw[bound] !== undefined && raw[bound] !== null;
    if (!required.includes(bound)) {
      if (given) throw fail(`${field}.${bound}`, `must not be set when qualifier is ${qualifier}`);
      continue;
    }
    if (!given) throw fail(`${field}.${bound}`, `is required when qualifier is ${qualifier}`);
    const number = raw[bound];
    if (typeof number !== 'number' || !Number.isFinite(number)) throw fail(`${field}.${bound}`, 'must be a finite number');
    // Normalise -0 so equal amounts serialise and compare identically.
    bounds[bound] = number === 0 ? 0 : number;
  }

  switch (qualifier as AmountQualifier) {
    case 'exact':
    case 'approximately':
      return { qualifier: qualifier as 'exact' | 'approximately', value: bounds.value! };
    case 'up_to':
      return { qualifier: 'up_to', high: bounds.high! };
    case 'at_least':
    case 'more_than':
      return { qualifier: qualifier as 'at_least' | 'more_than', low: bounds.low! };
    case 'range':
      if (bounds.low! > bounds.high!) throw fail(`${field}.low`, `must be less than or equal to ${field}.high`);
      return { qualifier: 'range', low: bounds.low!, high: bounds.high! };
  }
  throw fail(`${field}.qualifier`, 'is not supported');
};

/**
 * An amount a command may write: parseAmount, and every bound within
 * ±MAX_AMOUNT (@factledger/shared). Only new writes are bounded; amounts
 * stored before the bound still read (parseAmount) and fold overflow-free.
 */
export const parseNewAmount = (input: unknown, field = 'amount'): Amount => {
  const amount = parseAmount(input, field);
  for (const bound of ['value', 'low', 'high'] as const) {
    const number = boundOf(amount, bound);
    if (number !== undefined && !isAmountInBounds(number))
      throw malformed(LedgerErrorCodes.figureAmountInvalid, `${field}.${bound} ${AMOUNT_RULE}`, { field: `${field}.${bound}`, reason: AMOUNT_RULE });
  }
  return amount;
};

const boundOf = (amount: Amount, bound: Bound): number | undefined => (amount as Partial<Record<Bound, number>>)[bound];

export const sameAmount = (a: Amount, b: Amount): boolean =>
  a.qualifier === b.qualifier && (['value', 'low', 'high'] as const).every((k) => boundOf(a, k) === boundOf(b, k));
