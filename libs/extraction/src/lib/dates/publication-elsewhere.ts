import { isoWeekDate, isValidYmd, monthNumber, weekdayOf, WEEKDAYS, type YMD } from './calendar';
import { findDateMentions, type DateMention } from './date-mentions';
import { inferYearAfter, inferYearBefore, storyYears } from './infer-year';

// Where a publication day is read when no header line states one: an issue's month or week, the page's address, a
// yearless day header or the lead's weekday and date (findPublication tries a footer first).

/**
 * A header line and, when it joins parts with bars or bullets ("By Kate Merriman | Mountain Business Weekly |
 * Published Wednesday 14 October 2026"), each part after the first, so a labelled date inside it counts as labelled.
 */
export const headerParts = (entry: { line: string; start: number }): { line: string; start: number }[] => {
  // ("First published 27 November 2026. Updated Wednesday 2 December 2026 with revised figures": two stamps, one line.)
  const parts = entry.line.split(/\s+[|·•]\s+|(?<=\.)\s+(?=(?:Last\s+)?[Uu]pdated\b)/);
  return parts.length < 2 ? [entry] : [entry, ...parts.slice(1).map((line) => ({ line, start: entry.start }))];
};

// "Newsletter of the X Association | December 2026": an issue dated by its month alone, read as the month's first day.
const MONTH_YEAR =
  /^(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+((?:19|20)\d{2})$/i;
export const issueMonth = (lines: { line: string; start: number }[]): YMD | undefined => {
  // Every part of a line, its first too ("JANUARY 2027 | OPEN ROAD | 73": a magazine's page header).
  for (const line of lines.flatMap((l) => l.line.split(/\s+[|·•]\s+/))) {
    const m = MONTH_YEAR.exec(line.trim());
    if (m) return { y: Number(m[2]), m: monthNumber(m[1] ?? ''), d: 1 };
  }
  return undefined;
};

// "News in brief | Week 49, 2026": a weekly issue told by its ISO week, read as the week's Sunday (its items' days are on
// or before it, so a yearless "THU 3 DEC" under it takes the week's year).
const ISSUE_WEEK = /^Week\s+(\d{1,2}),?\s+((?:19|20)\d{2})$/i;
export const issueWeek = (lines: { line: string; start: number }[]): YMD | undefined => {
  for (const { line } of lines.flatMap(headerParts)) {
    const m = ISSUE_WEEK.exec(line.trim());
    const sunday = m && isoWeekDate(Number(m[2]), Number(m[1]), 7);
    if (sunday) return sunday;
  }
  return undefined;
};

// "bramleypost.co.uk/opinion/2027/03/11/housing-…": the page's address in the header carries its day.
const URL_DATE = /\b[\w.-]+\.[a-z]{2,}\/(?:[\w-]+\/)*((?:19|20)\d{2})\/(\d{2})\/(\d{2})\//;
export const urlDate = (lines: { line: string }[]): YMD | undefined => {
  for (const { line } of lines) {
    const m = URL_DATE.exec(line);
    const date = m && { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    if (date && isValidYmd(date)) return date;
  }
  return undefined;
};

// A yearless date line in the header or a live page's first day header: "Thursday 26 August", "Wednesday 18 November,
// 10:30", "Valdoré, the 8th of August, 17h30". Its year is the one the header names ("GCSE results 2027", "N° 31/2027")
// when it fits the weekday, else the latest up to the reading day in which the weekday falls so.
const DAY_HEADER = new RegExp(
  // ("Mon 30 Nov, 5.42pm": a local site's abbreviated day and its time.)
  String.raw`^[ \t]*(?:[A-Z][\p{L}' -]{1,30},[ \t]+)?(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?,?[ \t]+)?(?:the[ \t]+)?(\d{1,2})(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+([A-Z][a-z]+)\.?(?:,?[ \t]+\d{1,2}[:.h]\d{2}(?:[ \t]*[ap]\.?m\.?)?)?[ \t]*$`,
  'mu',
);
// Else a weekday's date in the opening lines' prose: "Our live coverage began on the eve of the race, Saturday 17 April".
const LEAD_DAY = new RegExp(
  String.raw`(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \t]+(\d{1,2})(?:st|nd|rd|th)?[ \t]+([A-Z][a-z]+)\b(?![ \t]+\d)`,
  'u',
);
const LEAD_CHARS = 600;
export const dayHeader = (text: string, lines: { line: string }[], mentions: () => DateMention[], notAfter?: YMD): YMD | undefined => {
  const header = DAY_HEADER.exec(text);
  const lead = header ? null : LEAD_DAY.exec(text.slice(0, LEAD_CHARS));
  const m = header ?? lead;
  const month = m ? monthNumber(m[3] ?? '') : 0;
  if (!m || !month) return undefined;
  const d = Number(m[2]);
  const weekday = m[1] ? WEEKDAYS.findIndex((w) => w.startsWith(m[1]?.toLowerCase() ?? '')) : undefined;
  const fits = (y: number): boolean => isValidYmd({ y, m: month, d }) && (weekday === undefined || weekdayOf({ y, m: month, d }) === weekday);
  // (Not an index's base, "(2020=100)".)
  const named = lines.flatMap(({ line }) => [...line.matchAll(/(?<![\d.,])((?:19|20)\d{2})(?![\d.,%]|\s*=)/g)].map((y) => Number(y[1])));
  // "VALDECRUZ, 24 Nov." alone on its line: a dateline with neither weekday nor year, the latest such day up to the reading day.
  const anyDay = header && weekday === undefined ? new Set([0, 1, 2, 3, 4, 5, 6]) : undefined;
  const days = weekday === undefined ? anyDay : new Set([weekday]);
  const y = named.find(fits) ?? (days === undefined ? undefined : unnamedYear(text, mentions, month, d, days, notAfter));
  return y === undefined ? undefined : { y, m: month, d };
};

// "Friday 7 May" over a count that compares with "the last election in 2023": the latest fitting year up to the reading day,
// but not one before a year the story names as past.
const unnamedYear = (
  text: string,
  mentions: () => DateMention[],
  month: number,
  d: number,
  days: ReadonlySet<number>,
  notAfter?: YMD,
): number | undefined => {
  const before = inferYearBefore(month, d, notAfter, days);
  const { bound, lived } = storyYears(text, mentions(), notAfter);
  return lived(month, d, days) ?? (bound && (before === undefined || before < bound.y) ? inferYearAfter(month, d, bound, days) : before);
};

/**
 * "It's Wednesday the third of March 2027, and today we're asking …": a date the opening lines give with its weekday;
 * without a year ("It's ten past nine on Thursday the tenth of June"), the latest up to the reading day the weekday fits.
 */
export const leadWeekdayDate = (text: string, storyMentions: () => DateMention[], notAfter?: YMD): YMD | undefined => {
  const mentions = findDateMentions(text.slice(0, LEAD_CHARS));
  for (let i = 1; i < mentions.length; i++) {
    const [day, date] = [mentions[i - 1], mentions[i]];
    if (day?.kind !== 'weekday' || date?.kind !== 'date' || !/^[\s,]*(?:the\s+)?$/.test(text.slice(day.end, date.start))) continue;
    const y = date.y ?? storyYears(text, storyMentions(), notAfter).pick(date.m, date.d, new Set([day.weekday]));
    const full = y === undefined ? undefined : { y, m: date.m, d: date.d };
    if (full && isValidYmd(full) && weekdayOf(full) === day.weekday) return full;
  }
  return undefined;
};
