import type { DatePrecision } from '../types';
import { addDays, inferYear, isoWeekDate, isValidYmd, toDayNumber, weekdayOf, type YMD } from './calendar';
import type { DateValue } from './date-mentions';

export interface ResolvedDate {
  date: YMD;
  precision: DatePrecision;
  /** True when the publication date was needed to pin it down. */
  relative: boolean;
}

/**
 * Pins a date expression to a calendar date. Relative forms need the
 * publication date: without it they resolve to null rather than a guess.
 */
export const resolveDate = (value: DateValue, published: YMD | undefined): ResolvedDate | null => {
  switch (value.kind) {
    case 'date': {
      if (value.y !== undefined) return checked({ y: value.y, m: value.m, d: value.d }, 'day', false);
      if (!published) return null;
      const y = value.ahead
        ? value.m * 100 + value.d >= published.m * 100 + published.d
          ? published.y
          : published.y + 1
        : inferYear(value.m, published);
      return checked({ y, m: value.m, d: value.d }, 'day', true);
    }
    case 'month': {
      if (value.y !== undefined) return checked({ y: value.y, m: value.m, d: 1 }, 'month', false);
      if (!published) return null;
      // "last June" in June means a year ago; plain "in June" in June means this June.
      const y = value.ahead
        ? value.m >= published.m
          ? published.y
          : published.y + 1
        : value.last && value.m >= published.m
          ? published.y - 1
          : inferYear(value.m, published);
      return checked({ y, m: value.m, d: 1 }, 'month', true);
    }
    case 'year':
      return { date: { y: value.y, m: 1, d: 1 }, precision: 'year', relative: false };
    case 'weekday': {
      if (!published) return null;
      if (value.week !== undefined) {
        const monday = addDays(published, -weekdayOf(published) + 7 * value.week);
        return { date: addDays(monday, value.weekday), precision: 'day', relative: true };
      }
      if (value.ahead || value.since) {
        const days = (value.weekday - weekdayOf(published) + 7) % 7 || (value.since ? 0 : 7);
        return { date: addDays(published, days), precision: 'day', relative: true };
      }
      let back = (weekdayOf(published) - value.weekday + 7) % 7;
      if (back === 0 && value.strictlyBefore) back = 7;
      return { date: addDays(published, -back), precision: 'day', relative: true };
    }
    case 'day-offset': {
      if (!published) return null;
      const day = addDays(published, value.days);
      if (!value.years) return { date: day, precision: 'day', relative: true };
      // 29 February a year back is the 28th.
      const back = { ...day, y: day.y + value.years };
      return { date: isValidYmd(back) ? back : { ...back, d: back.d - 1 }, precision: 'day', relative: true };
    }
    case 'week': {
      const y = value.y ?? published?.y;
      if (y === undefined) return null;
      // Without a year, the latest such week that has ended by the report (week 52 read in January is last year's).
      const sunday = isoWeekDate(y, value.week, 7);
      const past =
        value.y === undefined && published && sunday && toDayNumber(sunday) > toDayNumber(published) ? isoWeekDate(y - 1, value.week, 7) : sunday;
      return past ? { date: past, precision: 'day', relative: value.y === undefined } : null;
    }
    case 'relative': {
      if (!published) return null;
      if (value.period === 'week') {
        // A week resolves to its Monday, as a month resolves to its first day.
        const monday = addDays(published, -weekdayOf(published) - 7 * value.back);
        return { date: monday, precision: 'day', relative: true };
      }
      if (value.sameTime) return { date: { y: published.y - value.back, m: published.m, d: 1 }, precision: 'month', relative: true };
      if (value.period === 'month') {
        const m = published.m - value.back;
        const date = m >= 1 ? { y: published.y, m, d: 1 } : { y: published.y - 1, m: m + 12, d: 1 };
        return { date, precision: 'month', relative: true };
      }
      if (value.closes) {
        const endsIn = published.m > value.closes ? published.y + 1 : published.y;
        // A year closing in December is a calendar year, dated as a year is.
        if (value.closes === 12) return { date: { y: endsIn - value.back, m: 1, d: 1 }, precision: 'year', relative: true };
        return { date: { y: endsIn - value.back, m: value.closes, d: 1 }, precision: 'month', relative: true };
      }
      if (value.month) return { date: { y: published.y - value.back, m: value.month, d: 1 }, precision: 'month', relative: true };
      return { date: { y: published.y - value.back, m: 1, d: 1 }, precision: 'year', relative: true };
    }
  }
};

const checked = (date: YMD, precision: DatePrecision, relative: boolean): ResolvedDate | null =>
  isValidYmd(date) ? { date, precision, relative } : null;
