import type { Paragraph, Sentence, Span } from '../text/segment-text';
import { monthNumber, toIso, type YMD } from './calendar';
import { within, type AsOf, type DateIndex } from './find-as-of';
import { resolveDate } from './resolve-date';

// A period that is not a month (a season, a fiscal year, a span of years): in its own file, read with the rules here.
export { findStoryPeriod, underStoryPeriod } from './story-period';

/** How many paragraphs from the first paragraph of prose count as the lead (header lines, bylines and datelines do not). */
const LEAD_SPAN = 2;
const PROSE_WORDS = 8;
const GREETING = /^(?:Good\s+(?:morning|afternoon|evening)|Hello|Hi|Welcome\s+(?:to|back))\b/i;

/** The index of the first paragraph past the lead: a story's reference period is set in its first paragraphs of prose. */
export const leadEnd = (text: string, paragraphs: Paragraph[]): number => {
  const first = firstProse(text, paragraphs);
  if (first < 0) return 0;
  // A section heading inside the lead ("WHO SHIPPED WHAT?") is no paragraph of it.
  let end = first + LEAD_SPAN;
  for (let i = first + 1; i < end && i < paragraphs.length; i++) if (isHeading(text, paragraphs[i] as Paragraph)) end++;
  return end;
};

const isHeading = (text: string, p: Paragraph): boolean => {
  const body = text.slice(p.start, p.end).trim();
  return !/\n/.test(body) && body.split(/\s+/).length < PROSE_WORDS && !/\d/.test(body);
};

/** Running prose: a closing mark and enough words; a newsletter's greeting ("Good morning. This week: …") opens no story. */
export const isLeadProse = (body: string): boolean =>
  /[.!?]["”’)]?$/.test(body) && body.split(/\s+/, PROSE_WORDS).length >= PROSE_WORDS && !GREETING.test(body);

const firstProse = (text: string, paragraphs: Paragraph[]): number => paragraphs.findIndex((p) => isLeadProse(text.slice(p.start, p.end).trim()));

/**
 * Whether `asOf` is the end of a period its sentence names ("in the 12 months to 30 June", "the quarter ended Nov. 1"):
 * a results story's reference period, which its later undated figures cover.
 */
export const endsNamedPeriod = (index: DateIndex, sentence: Sentence, asOf: AsOf): boolean =>
  asOf.as_of !== null &&
  within(index.mentions, sentence).some((m) => {
    // "between August 2023 and October 2024" ends a span one figure covers, not the story's period.
    if (!m.periodEnd || /\band\s+$/.test(sentence.text.slice(0, m.start - sentence.start))) return false;
    const resolved = resolveDate(m, index.published);
    return resolved !== null && toIso(resolved.date) === asOf.as_of;
  });

// "shares were up 7.4% at 1012 GMT": a clock time marks the day of the reporting, not the period reported on.
export const CLOCK_TIME = /\bat\s+\d{1,2}[:.]?\d{2}\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|[ap]\.?m\.?)(?![\w])/i;

// "grew 2.1% in the quarter", "had €410m in cash at the end of the period": the story's period named again by a definite noun.
export const PERIOD_ANAPHOR =
  /\b(?:in|for|during|over|across|(?:at|by)\s+the\s+(?:end|close)\s+of)\s+the\s+(?:quarter|period|half|half-year|financial\s+year|fiscal\s+year|reporting\s+period)\b/i;

/**
 * "Quarterly Activities Report for the three months to 30 June 2026": a period a results document's heading (above its
 * first paragraph of prose) names by its end day is the document's period, before any figure names it.
 */
export const headingPeriod = (index: DateIndex, text: string, paragraphs: Paragraph[]): AsOf | undefined => {
  const end = paragraphs[firstProse(text, paragraphs)]?.start ?? 0;
  for (const m of index.mentions) {
    if (m.start >= end) continue;
    // ("Annual Report 2025-26 / Year ended 31 March 2026", "the 26 weeks ended 29 August 2026": a year's and weeks' too.)
    if (
      !m.periodEnd ||
      !/\b(?:weeks|months|quarter|half|half-year|year)\s+(?:to|ended|ending)\s+$/i.test(text.slice(Math.max(0, m.start - 30), m.start))
    )
      continue;
    const resolved = resolveDate(m, index.published);
    // (A year ended 31 December is the calendar year, at year precision.)
    const calendar = resolved?.date.m === 12 && /\byear\s+\w+\s+$/i.test(text.slice(Math.max(0, m.start - 30), m.start));
    if (resolved && calendar) return { as_of: `${resolved.date.y}-01-01`, datePrecision: 'year', dateBasis: 'explicit' };
    if (resolved?.precision === 'day') return { as_of: toIso(resolved.date), datePrecision: 'day', dateBasis: 'explicit' };
  }
  // "Statistics bulletin: July to September 2026 (Q3)", "Quarterly report, Q2 2026": a span of months or a quarter the
  // heading names, as of its last month.
  const span = HEADING_SPAN.exec(text.slice(0, end));
  if (!span) return undefined;
  const month = span[1] ? monthNumber(span[1]) : Number(span[3]) * 3;
  const year = Number(span[2] ?? span[4]);
  return month > 0 ? { as_of: toIso({ y: year, m: month, d: 1 }), datePrecision: 'month', dateBasis: 'explicit' } : undefined;
};
const MONTH_NAME = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?`;
// ("… FOR THE PERIOD JANUARY - OCTOBER 2026": in capitals too.)
const HEADING_SPAN = new RegExp(String.raw`\b${MONTH_NAME}\s+(?:to|–|-)\s+(${MONTH_NAME})\s+((?:19|20)\d{2})\b|\bQ([1-4])\s+((?:19|20)\d{2})\b`, 'i');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "in the June quarter", "up on the March quarter": a quarter named by its last month ends on that month's last day (the
 * document's own period when it is that quarter). Other month-precision dates are left alone.
 */
export const namedQuarter = (period: AsOf | undefined, asOf: AsOf, clause: string): AsOf | undefined => {
  if (asOf.datePrecision !== 'month' || !asOf.as_of) return undefined;
  const [y, m] = asOf.as_of.split('-').map(Number) as [number, number];
  if (!new RegExp(String.raw`\b${MONTHS[m - 1]}[- ]quarter\b`).test(clause)) return undefined;
  if (period?.as_of?.slice(0, 7) === asOf.as_of.slice(0, 7) && period.datePrecision === 'day') return { ...period, dateBasis: 'carried' };
  return { ...asOf, as_of: toIso({ y, m, d: new Date(Date.UTC(y, m, 0)).getUTCDate() }), datePrecision: 'day' };
};

/**
 * "Meridian says shipments rose 3% in the three months to September. ... TechPulse puts the average price at $412 in the
 * quarter": with no story period set, "the quarter" names the last period an earlier sentence named by its end.
 */
export const lastNamedPeriod = (index: DateIndex, text: string, period: AsOf | undefined, asOf: AsOf, clause: Span): AsOf | undefined => {
  if (period || asOf.dateBasis !== 'published' || !PERIOD_ANAPHOR.test(text.slice(clause.start, clause.end))) return undefined;
  const named = index.mentions.findLast(
    (m) => m.periodEnd && m.end <= clause.start && !/\band\s+$/.test(text.slice(Math.max(0, m.start - 5), m.start)),
  );
  const resolved = named ? resolveDate(named, index.published) : null;
  return resolved ? { as_of: toIso(resolved.date), datePrecision: resolved.precision, dateBasis: 'carried' } : undefined;
};

// Asked once per figure, answered once per text: scanning the whole text per figure made long texts quadratic.
let censusMemo: { text: string; taken: RegExpExecArray | null } | undefined;
const censusTaken = (text: string): RegExpExecArray | null => {
  if (censusMemo?.text !== text) censusMemo = { text, taken: /\bcensus\b[^.\n]{0,40}?\b(?:taken|held|conducted)\s+on\s+/i.exec(text) };
  return censusMemo.taken;
};

/**
 * "5.46 million people were usually resident on census night": a count that holds on the census's own night or day is
 * dated by the day the story says the census was taken ("Census 2026, taken on Sunday 26 April"), not by the update; and
 * when its lead says so, the census is what the story's figures count, so one with no date of its own (or only an
 * update's header) holds on that day too. A year of its own ("down from 166,752 in 2022") still dates a figure.
 */
export const censusNight = (index: DateIndex, text: string, sentence: Sentence, asOf: AsOf, lead: number): AsOf | undefined => {
  if (asOf.dateBasis === 'explicit' || asOf.dateBasis === 'relative') return undefined;
  const taken = censusTaken(text);
  const night = /\bcensus\s+(?:night|day)\b/i.test(sentence.text);
  // "41,000 forms are still being checked": work going on at the update is no count of the census.
  const story =
    taken !== null &&
    taken.index < lead &&
    (asOf.dateBasis === 'header' || asOf.dateBasis === 'published') &&
    !/\b(?:still|so far|to date|yet)\b/i.test(sentence.text);
  if (!taken || (!night && !story)) return undefined;
  const at = taken.index + taken[0].length;
  const m = index.mentions.find((d) => d.start >= at && d.start <= at + 15);
  const resolved = m ? resolveDate(m, index.published) : null;
  return resolved?.precision === 'day' ? { as_of: toIso(resolved.date), datePrecision: 'day', dateBasis: 'explicit' } : undefined;
};

// (Not "the first quarter of the 2027 financial year": a fiscal quarter, which the calendar's arithmetic here cannot place.)
const ORDINAL_QUARTER =
  /\b(first|second|third|fourth)[- ]quarter\b(?!\s+of\s+(?:(?:the|its|our|this|last|next)\s+)?(?:(?:19|20)\d{2}(?:[-–/]\d{2})?\s+)?(?:financial|fiscal)\s+year|\s+of\s+FY)/i;
/**
 * "revised its own second-quarter figure" in a story about the three months to September: under a period that ends a
 * quarter, a quarter told by its number ends in its last month of the period's year (the year before, if that is later).
 */
export const ordinalQuarter = (period: AsOf | undefined, asOf: AsOf, clause: string): AsOf | undefined => {
  const n = ['first', 'second', 'third', 'fourth'].indexOf(ORDINAL_QUARTER.exec(clause)?.[1]?.toLowerCase() ?? '') + 1;
  if (!n || !period?.as_of || (asOf.dateBasis !== 'published' && asOf.as_of !== period.as_of)) return undefined;
  const [y, m] = period.as_of.split('-').map(Number) as [number, number];
  if (m % 3 !== 0 || period.datePrecision === 'year') return undefined;
  const end = { y: 3 * n > m ? y - 1 : y, m: 3 * n, d: 1 };
  if (period.datePrecision === 'day') end.d = new Date(Date.UTC(end.y, end.m, 0)).getUTCDate();
  return { as_of: toIso(end), datePrecision: period.datePrecision, dateBasis: 'carried' };
};

/** A figure's date from the document's period: a census's night, a named quarter, "the quarter" with no story period. */
export const periodDate = (
  index: DateIndex,
  text: string,
  period: AsOf | undefined,
  asOf: AsOf,
  clause: Span,
  sentence: Sentence,
  lead: number,
): AsOf | undefined =>
  censusNight(index, text, sentence, asOf, lead) ??
  ordinalQuarter(period, asOf, text.slice(clause.start, clause.end)) ??
  namedQuarter(period, asOf, text.slice(clause.start, clause.end)) ??
  lastNamedPeriod(index, text, period, asOf, clause);

/**
 * A release's lead figure dated by a full past date ("was 6,482,917 on Census Day, 15 November 2026"), or a month it names
 * with its year ("handled 418,600 TEU in the third quarter of 2026"): its reference day or period, before its publication
 * and within the year before it.
 */
export const referenceDay = (asOf: AsOf, published: YMD | undefined): boolean =>
  (asOf.datePrecision === 'day' || asOf.datePrecision === 'month') &&
  asOf.dateBasis === 'explicit' &&
  asOf.as_of !== null &&
  published !== undefined &&
  asOf.as_of < toIso(published) &&
  // (A release tells of its last period, not of a trial that enrolled "between May 2024 and April 2025".)
  asOf.as_of >= toIso({ ...published, y: published.y - 1 });
