import { daysInMonth } from '@factledger/shared';
import { LedgerPatterns } from './patterns';

/** A real calendar date written `YYYY-MM-DD` (no `Date` parsing, which is lenient). */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !LedgerPatterns.date.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/**
 * The UTC calendar date of the command's `now` (an ISO-8601 timestamp). A bad
 * `now` is a caller bug, not user input, so it throws a plain Error.
 */
export const utcDateOf = (now: string): string => {
  const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`Command time is not an ISO-8601 timestamp: ${String(now)}`);
  return new Date(ms).toISOString().slice(0, 10);
};
