// Proleptic Gregorian day arithmetic on plain numbers, so date resolution is
// deterministic and independent of the host time zone and clock.

export interface YMD {
  y: number;
  m: number; // 1..12
  d: number;
}

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** A full English month name in a pattern, capitalised ("January|…"), for rules that must not take "may" or "march". */
export const FULL_MONTH_NAME = `(?:${MONTHS.map((m) => m[0]?.toUpperCase() + m.slice(1)).join('|')})`;

/** Month number (1..12) from a full or abbreviated English name, or 0. */
export const monthNumber = (name: string): number => {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(n) || (n === 'sept' && m === 'september'));
  return i + 1;
};

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

export const isValidYmd = ({ y, m, d }: YMD): boolean => Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export const toDayNumber = ({ y, m, d }: YMD): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

export const fromDayNumber = (n: number): YMD => {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
};

/** 0 = Monday .. 6 = Sunday. */
export const weekdayOf = (date: YMD): number => (((toDayNumber(date) + 3) % 7) + 7) % 7;

export const addDays = (date: YMD, days: number): YMD => fromDayNumber(toDayNumber(date) + days);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export const toIso = ({ y, m, d }: YMD): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Parses a strict YYYY-MM-DD string; undefined when malformed or impossible. */
export const parseIso = (iso: string | undefined): YMD | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return undefined;
  const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return isValidYmd(date) ? date : undefined;
};

/** The year of a month named without one: the publication year, or the one before if that month is still ahead. */
export const inferYear = (month: number, published: YMD): number => (month > published.m ? published.y - 1 : published.y);

/** An ISO 8601 week date ("2026-W50-1"): day `d` (1 = Monday) of week `w`, week 1 being the one holding 4 January. */
export const isoWeekDate = (y: number, w: number, d: number): YMD | undefined => {
  const jan4 = { y, m: 1, d: 4 };
  const date = addDays(jan4, -weekdayOf(jan4) + (w - 1) * 7 + (d - 1));
  const weeks = weekdayOf({ y, m: 1, d: 1 }) === 3 || weekdayOf({ y, m: 12, d: 31 }) === 3 ? 53 : 52;
  return w >= 1 && w <= weeks && d >= 1 && d <= 7 ? date : undefined;
};
