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

/** Whether the runtime's time zone database knows `zone` (an IANA name or alias). */
export const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The calendar date of `now` in `zone` (a known IANA zone), `YYYY-MM-DD`; UTC when zone is null. */
export const localDateOf = (now: string, zone: string | null): string => {
  const utc = utcDateOf(now);
  if (zone === null) return utc;
  const parts = new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
};
