import { invalid, malformed } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import { isCalendarDate, utcDateOf } from '../validation/dates';

export const VALID_AT_PRECISIONS = ['day', 'month', 'year'] as const;
export type ValidAtPrecision = (typeof VALID_AT_PRECISIONS)[number];

/**
 * The date a figure describes (not when it was said). Coarser precisions are
 * written as the first day of their period, so dates stay comparable as strings:
 * "in October 2024" is `{ date: '2024-10-01', precision: 'month' }`.
 */
export interface ValidAt {
  date: string;
  precision: ValidAtPrecision;
}

export interface ValidAtInput {
  date: string;
  precision?: ValidAtPrecision; // default 'day'
}

// Shape and format (an object, a real calendar date, a known precision) are malformed input (400);
// a date that breaks its precision's rule is refused by a rule (422).
const fail = (field: string, reason: string) => invalid(LedgerErrorCodes.figureValidAtInvalid, `${field} ${reason}`, { field, reason });
const malformedField = (field: string, reason: string) => malformed(LedgerErrorCodes.figureValidAtInvalid, `${field} ${reason}`, { field, reason });

export const parseValidAt = (input: unknown, field = 'validAt'): ValidAt => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw malformedField(field, 'must be an object');
  const { date, precision = 'day' } = input as Record<string, unknown>;
  if (!isCalendarDate(date)) throw malformedField(`${field}.date`, 'must be a calendar date YYYY-MM-DD');
  if (typeof precision !== 'string' || !(VALID_AT_PRECISIONS as readonly string[]).includes(precision))
    throw malformedField(`${field}.precision`, `must be one of ${VALID_AT_PRECISIONS.join(', ')}`);
  if (precision === 'month' && !date.endsWith('-01')) throw fail(`${field}.date`, 'must be the first day of the month when precision is month');
  if (precision === 'year' && !date.endsWith('-01-01')) throw fail(`${field}.date`, 'must be January 1st when precision is year');
  return { date, precision: precision as ValidAtPrecision };
};

/** A figure cannot describe a day that has not started yet (in UTC). */
export const assertValidAtNotInFuture = (validAt: ValidAt, now: string, field = 'validAt'): void => {
  const today = utcDateOf(now);
  if (validAt.date > today)
    throw invalid(LedgerErrorCodes.figureValidAtInFuture, `${field}.date ${validAt.date} is after today (${today})`, {
      field: `${field}.date`,
      validAt: validAt.date,
      today,
    });
};

export const sameValidAt = (a: ValidAt, b: ValidAt) => a.date === b.date && a.precision === b.precision;
