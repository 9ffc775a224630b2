import { isValidYmd, toDayNumber, weekdayOf, type YMD } from './calendar';
import type { DateMention } from './date-mentions';
import { numberOf } from '../numbers/number-words';

/** How many years before the reading day a story's latest year may stand and still be its own neighbourhood. */
const STALE_YEARS = 6;
// How many years past the latest year the text mentions a yearless date may fall.
const YEARS_AHEAD = 7;
// "by 2027", "until 2030": deadlines, not evidence of when the text was written.
// "due to be completed in 2031", "scheduled to open in 2030": a plan's year.
const PLANNED_BEFORE = /\b(?:due|scheduled|slated|set|expected|planned|intended)\s+to\s+(?:be\s+)?\w+(?:\s+\w+)?\s+(?:in|by)\s+$/i;
const DEADLINE_BEFORE = /\b(?:by|until|till|before|through|due|expected|planned|next)\s*$/i;

/**
 * The latest date the text names with a year (a year alone counts as its
 * 1 January, a month as its first day): the story was written on or after it.
 * Future and deadline mentions do not count.
 */
export const latestYearBound = (text: string, mentions: DateMention[], dayOnly = false, notAfter?: YMD): YMD | undefined => {
  let best: YMD | undefined;
  for (const m of mentions) {
    // A year past the reading day is a target ("fewer than 150 deaths a year by 2030"), no evidence of when the story was written.
    if (notAfter && m.kind === 'year' && m.y > notAfter.y) continue;
    // ("(2020=100)": an index's base year, no evidence either.)
    if (
      m.future ||
      /^\s*=\s*\d/.test(text.slice(m.end, m.end + 6)) ||
      DEADLINE_BEFORE.test(text.slice(Math.max(0, m.start - 12), m.start)) ||
      PLANNED_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start))
    )
      continue;
    const date = yearBearing(m, dayOnly);
    if (date && isValidYmd(date) && (!best || toDayNumber(date) > toDayNumber(best))) best = date;
  }
  return best;
};

const yearBearing = (m: DateMention, dayOnly: boolean): YMD | undefined => {
  if (m.kind === 'date' && m.y !== undefined) return { y: m.y, m: m.m, d: m.d };
  if (dayOnly) return undefined;
  if (m.kind === 'month' && m.y !== undefined) return { y: m.y, m: m.m, d: 1 };
  if (m.kind === 'year') return { y: m.y, m: 1, d: 1 };
  return undefined;
};

/**
 * The year of a month and day written without one (a wire dateline "Nov 12"):
 * the first year on or after `bound` whose weekday for that day is one the
 * text mentions ("said on Tuesday"), else simply the first year on or after
 * `bound`. Undefined without a bound.
 */
export const inferYearAfter = (month: number, day: number, bound: YMD | undefined, weekdays: ReadonlySet<number> = new Set()): number | undefined => {
  if (!bound) return undefined;
  const years: number[] = [];
  for (let y = bound.y; y <= bound.y + YEARS_AHEAD; y++) {
    const date = { y, m: month, d: day };
    if (isValidYmd(date) && toDayNumber(date) >= toDayNumber(bound)) years.push(y);
  }
  return years.find((y) => weekdays.has(weekdayOf({ y, m: month, d: day }))) ?? years[0];
};

/**
 * The year of a yearless "Nov. 20" in a story that names no year: the latest year, up to `notAfter`, in which that
 * day fell on a weekday the story mentions ("said Wednesday"). Undefined without both, or when none fits within a
 * weekday cycle, so a story read years later is not silently placed in the wrong year by a day name alone.
 */
export const inferYearBefore = (month: number, day: number, notAfter: YMD | undefined, weekdays: ReadonlySet<number>): number | undefined => {
  if (!notAfter || !weekdays.size) return undefined;
  for (let y = notAfter.y; y >= notAfter.y - YEARS_AHEAD; y--) {
    const date = { y, m: month, d: day };
    if (isValidYmd(date) && toDayNumber(date) <= toDayNumber(notAfter) && weekdays.has(weekdayOf(date))) return y;
  }
  return undefined;
};

/**
 * How a story's yearless day gets its year (a dateline, a presenter's "Thursday the tenth of June"): `bound` is the latest
 * year the story names, unless it is past the reading day ("due to be completed in 2031" is no evidence of when the story
 * was written); `pick` takes the first year after it that the weekdays fit, else the latest up to the reading day.
 */
export const storyYears = (
  text: string,
  mentions: DateMention[],
  notAfter: YMD | undefined,
): {
  bound: YMD | undefined;
  lived: (month: number, day: number, weekdays: ReadonlySet<number>) => number | undefined;
  pick: (month: number, day: number, weekdays: ReadonlySet<number>) => number | undefined;
} => {
  const named = latestYearBound(text, mentions, false, notAfter);
  // A story whose latest year is a decade or so before the reading day ("Tessa killed 112 people in 2011") names history,
  // not its own year: the latest fitting year up to the reading day is likelier than the first after that year.
  const stale = named && notAfter && notAfter.y - named.y > STALE_YEARS;
  const bound = named && notAfter && (named.y > notAfter.y || stale) ? undefined : named;
  const told = yearsAgoYear(text);
  const life = lifeYears(text);
  // The birth year and the age, or one more: whichever the weekdays fit.
  const lived = (month: number, day: number, weekdays: ReadonlySet<number>): number | undefined =>
    life === undefined ? undefined : [life, life + 1].find((y) => (!notAfter || y <= notAfter.y) && weekdays.has(weekdayOf({ y, m: month, d: day })));
  return {
    bound,
    lived,
    pick: (month, day, weekdays) =>
      told ?? lived(month, day, weekdays) ?? (bound ? inferYearAfter(month, day, bound, weekdays) : inferYearBefore(month, day, notAfter, weekdays)),
  };
};

// "Born in 1938 …" in an obituary headed "… dies at 88": the year of the death is the birth year and the age, or one more
// (a weekday the story names settles which; an obituary names old years, none of them its own).
const BORN = /\b[Bb]orn\b[^.\n]{0,60}?\bin\s+((?:19|20)\d{2})\b/;
const DIED_AT = /\b(?:dies|died|dead)\s+(?:aged|at)\s+(\d{2,3})\b|\b(?:dies|died),?\s+aged\s+(\d{2,3})\b/;
const lifeYears = (text: string): number | undefined => {
  const born = BORN.exec(text);
  const age = DIED_AT.exec(text);
  const years = age ? Number(age[1] ?? age[2]) : NaN;
  return born && years > 0 && years < 120 ? Number(born[1]) + years : undefined;
};

// "since the Orvan disaster sixteen years ago. That quake, in 2011, killed …": a span back from the story's year to a year
// it names, within a sentence either way, tells the story's year outright (weekdays alone fit a year in every seven).
const YEARS_AGO = /\b(\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+years\s+(?:ago|earlier\s+than\s+now)\b/gi;
const YEAR_NEAR = 160;
const yearsAgoYear = (text: string): number | undefined => {
  const years = new Set<number>();
  for (const m of text.matchAll(YEARS_AGO)) {
    const span = numberOf((m[1] ?? '').toLowerCase());
    if (!span || span > 100) continue;
    const at = m.index ?? 0;
    const near = [...text.slice(Math.max(0, at - YEAR_NEAR), at + m[0].length + YEAR_NEAR).matchAll(/(?<![\d.,])((?:19|20)\d{2})(?![\d%]|[.,]\d)/g)];
    if (near.length === 1) years.add(Number(near[0]?.[1]) + span);
  }
  return years.size === 1 ? [...years][0] : undefined;
};

/** Weekdays the text names as past or present ("on Tuesday", not "Tuesday's election"). */
export const mentionedWeekdays = (mentions: DateMention[]): Set<number> =>
  new Set(mentions.flatMap((m) => (m.kind === 'weekday' && !m.future ? [m.weekday] : [])));

/**
 * For a text with no publication line: the latest day it names that is not
 * the edge of a period or ahead of the reporting, yearless ones ("Nov. 18")
 * placed after the latest full date it gives. Undefined without a full date.
 */
export const estimateReportDate = (text: string, mentions: DateMention[]): YMD | undefined => {
  const bound = latestYearBound(text, mentions, true);
  if (!bound) return undefined;
  let best: YMD | undefined;
  for (const m of mentions) {
    if (m.kind !== 'date' || m.boundary || m.future) continue;
    const y = m.y ?? inferYearAfter(m.m, m.d, bound);
    const date = y === undefined ? undefined : { y, m: m.m, d: m.d };
    if (date && isValidYmd(date) && (!best || toDayNumber(date) > toDayNumber(best))) best = date;
  }
  return best;
};
