import type { Paragraph, Span } from '../text/segment-text';
import { pollFieldwork } from './poll-fieldwork';
import { monthOf, QUARTER_WORDS, releaseTitlePeriod, titlePeriod, yearOf } from './title-period';
import { answerDate } from './transcript-answer';
import { addDays, inferYear, monthNumber, toIso, type YMD } from './calendar';
import { findDateMentions, type DateMention } from './date-mentions';
import { within, type AsOf } from './find-as-of';
import { resolveDate } from './resolve-date';

/**
 * The period a story is about when its lead names one that is not a month: a season told by its two years ("in the
 * 2025-26 season"), a budget's fiscal year ("for the fiscal year that begins July 1") or a span of years ("lost 1.27 million
 * hectares between 2020 and 2024"). Its later undated figures cover it, whoever gives them.
 */
export interface StoryPeriod {
  asOf: AsOf;
  /** A fiscal year's closing month and day: "this year" and "next year" then mean fiscal years. */
  close?: { m: number; d: number };
  /** A span of years dates only the figures that name it again ("over the five-year period"). */
  namedAgain?: boolean;
  /** Where a round-up's second item starts: the period covers only the figures before it. */
  until?: number;
  /** A quarter the story says when it ended: "the third quarter" in its figures' clauses is that one, not the calendar's. */
  quarter?: boolean;
  /** "Data as of 30 November": every undated figure holds then, a running total ("have identified 214") too. */
  stated?: boolean;
}

const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const FISCAL_START = new RegExp(
  String.raw`\b(?:fiscal|financial|budget)\s+year\s+(?:that|which)\s+(?:begins|starts|opens)\s+(?:on\s+)?(?:${MONTH}\s+(\d{1,2})|(\d{1,2})\s+${MONTH})\b`,
);
export const YEAR_SPAN = /\b(?:between|from)\s+((?:19|20)\d{2})\s+(?:and|to)\s+((?:19|20)\d{2})\b(?!\s*(?:[-–]|per\s*cent|%))/;
const SEASON = /^(?:19|20)\d{2}[-–/]\d{2}\s/;
const FIGURES_AT =
  /^[ \t]*(?:\d{1,2}\.\s+)?All\s+(?:figures|data|numbers)\s+(?:are|relate\s+to|refer\s+to)\s+(?:as\s+(?:at|of)\s+|at\s+|correct\s+(?:at|as\s+of)\s+)?(?:\d{1,2}[:.]\d{2}\s+on\s+)?([^\n]{6,60})/im;
const REPORTING_PERIOD = /^[ \t]*(?:Reporting|Report|Reference|Data|Surveillance)\s+(?:period|week(?:\s+\d{1,2})?)\s*:\s*([^\n]+)$/im;
// "Data as of 30 November 2026 | Published 2 December 2026": a situation update's header says when its figures hold.
// ("Data to: 5pm, Thursday 26 November 2026" under an outbreak update's date of issue; "ANNUAL MINERAL RESOURCES AND ORE
// RESERVES STATEMENT AS AT 30 JUNE 2026": a statement's title.)
const DATA_AS_OF =
  /^[^\n]{0,40}?\b(?:Data|Figures|Information|Statistics)\s+(?:correct\s+)?(?:as\s+(?:of|at)|(?:up\s+)?to)\s*:?\s+([^\n|;]{6,40})|^[^\n]{0,80}?\b(?:STATEMENT|REPORT|Statement|Report)\s+(?:AS\s+AT|as\s+at)\s+([^\n|;]{6,40})$/im;
// "released the department's crime statistics for calendar year 2025", "its 2025 crime statistics": a past year's data.
const YEAR_DATA =
  /\b(?:statistics|figures|data|results)\s+for\s+(?:the\s+)?(?:calendar\s+)?(?:year\s+)?((?:19|20)\d{2})\b(?![-–/]\d)|\b((?:19|20)\d{2})\s+(?:annual\s+)?(?:[a-z]+\s+)?(?:statistics|figures|data)\b/;
// "published its traffic statistics for November 2026": a month's.
const MONTH_DATA = new RegExp(String.raw`\b(?:statistics|figures|data|results)\s+for\s+(?:the\s+month\s+of\s+)?${MONTH}\s+((?:19|20)\d{2})\b`);
// "HARVEST REPORT 2026", "Season Review 2026": a report's title line names the year it covers.
const TITLED_YEAR = /^[^\n]{0,60}\b(?:REPORT|Report|REVIEW|Review)\s+((?:19|20)\d{2})[ \t]*$/m;
// "Reference period: 1st quarter 2027", "Q1 2027", "first quarter of 2027": a quarter, dated by its last month.
const PERIOD_QUARTER = /^\s*(?:([1-4])(?:st|nd|rd|th)\s+quarter|Q([1-4])|(first|second|third|fourth)\s+quarter)(?:\s+of)?\s+((?:19|20)\d{2})\s*$/i;
const YEAR_TO = new RegExp(
  String.raw`\b(?:(?:accounts|results|report|figures)\s+for\s+the|[Oo]ur|[Ii]ts)\s+(?:(?:financial|fiscal)\s+)?(?:year|twelve\s+months|12\s+months|(?:(?:first|second|third|fourth)\s+)?quarter|(?:first|second)\s+half|half[- ]year|(?:three|six|nine)\s+months)\s+(?:to|ended|ending)\s+(?:(\d{1,2})\s+)?${MONTH}(?:\s+(\d{1,2}))?,?\s+((?:19|20)\d{2})`,
);
// "AURELIA: record summer lifts profit", "2. CRISPAIR AIR FRYERS: HANDLES CAN MELT": a round-up's item headings.
const ITEM_HEADING = /^[ \t]*(?:\d{1,2}\.[ \t]+)?[A-Z][A-Z0-9&'’. -]{2,40}:[ \t]+\S[^\n]{4,90}$/gm;
// ("fieldwork carried out between April and September this year": a season's span, named by its last month too.)
const QUARTER_SPAN =
  /\bbetween\s+(January|February|March|April|May|June|July|August|September|October|November)\s+and\s+(February|March|April|May|June|July|August|September|October|November|December)(?:\s+((?:19|20)\d{2})|\s+(this|last)\s+year)?\b/;
// "its trading statement for the second quarter, covering the thirteen weeks of June, July and August": the period's months.
const COVERING = new RegExp(
  String.raw`\bcover(?:s|ing|ed)\s+(?:the\s+[\w-]+\s+(?:weeks|months)\s+(?:of|from)\s+)?${MONTH}(?:,\s+${MONTH})*,?\s+(?:and|to|through)\s+${MONTH}(?:\s+((?:19|20)\d{2}))?\b`,
);
// "in the year 2025 it was visited by 1 284 560 persons": a translated release's year, the one its figures cover.
const THE_YEAR = /\bin\s+the\s+year\s+((?:19|20)\d{2})\b/;
// "the cap would rise by 5% next season", "police spending goes up close to 6% next year": the period after the story's.
const NEXT = /\bnext\s+(?:season|year|campaign)\b/i;
// A state that holds as reported ("currently £725,000", "has risen"), not over the story's period.
const NOW =
  /\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|t)\b|\b(?:now|currently|so far|to date|as of|still|today|at\s+(?:this|the)\s+moment|at\s+present|presently)\b/i;

export const findStoryPeriod = (
  text: string,
  paragraphs: Paragraph[],
  lead: number,
  mentions: DateMention[],
  published?: YMD,
): StoryPeriod | undefined => {
  const period = leadPeriod(text, paragraphs, lead, mentions, published);
  // A round-up's items are stories of their own: the first item's period does not cover the later items' figures.
  const items = [...text.matchAll(ITEM_HEADING)];
  return period && items.length >= 3 ? { ...period, until: items[1]?.index } : period;
};

const leadPeriod = (text: string, paragraphs: Paragraph[], lead: number, mentions: DateMention[], published?: YMD): StoryPeriod | undefined => {
  const end = paragraphs[Math.min(lead, paragraphs.length) - 1]?.end ?? 0;
  const leadText = text.slice(0, end);
  const fiscal = FISCAL_START.exec(leadText);
  if (fiscal && published) {
    const m = monthNumber(fiscal[1] ?? fiscal[4] ?? '');
    const d = Number(fiscal[2] ?? fiscal[3]);
    // The next such start on or after the story's day; the year closes the day before its anniversary.
    let start: YMD = { y: published.y, m, d };
    if (toIso(start) < toIso(published)) start = { ...start, y: start.y + 1 };
    const close = addDays({ ...start, y: start.y + 1 }, -1);
    return { asOf: { as_of: toIso(close), datePrecision: 'day', dateBasis: 'relative' }, close: { m: close.m, d: close.d } };
  }
  // "All figures are at 23:59 on Wednesday 25 August 2027, … unless otherwise stated": a release's note on when its figures hold.
  const note = FIGURES_AT.exec(text);
  const noted = note ? findDateMentions(note[1] ?? '').find((x) => x.kind === 'date' && x.y !== undefined) : undefined;
  if (noted?.kind === 'date' && noted.y !== undefined)
    return { asOf: { as_of: toIso({ y: noted.y, m: noted.m, d: noted.d }), datePrecision: 'day', dateBasis: 'explicit' } };
  // "Reporting period: 2 - 8 March 2027": a situation report's figures hold at the period's last day.
  const reporting = REPORTING_PERIOD.exec(text.slice(0, 600))?.[1];
  const last = reporting ? findDateMentions(reporting).findLast((x) => x.kind === 'date' && x.y !== undefined) : undefined;
  if (last?.kind === 'date' && last.y !== undefined)
    return { asOf: { as_of: toIso({ y: last.y, m: last.m, d: last.d }), datePrecision: 'day', dateBasis: 'explicit' } };
  const data = DATA_AS_OF.exec(text.slice(0, 600));
  const asOf = data?.[1] ?? data?.[2]?.replace(/\b([A-Z])([A-Z]+)\b/g, (_, a: string, b: string) => a + b.toLowerCase());
  const held = asOf ? findDateMentions(asOf).find((x) => x.kind === 'date' && x.y !== undefined) : undefined;
  if (held?.kind === 'date' && held.y !== undefined)
    return { asOf: { as_of: toIso({ y: held.y, m: held.m, d: held.d }), datePrecision: 'day', dateBasis: 'explicit' }, stated: true };
  // "Until 29.11.2026 (end of the epidemiological week 48) in the country are registered in total 14.386 cases": a lead
  // opening on the day its running totals reach.
  const until = mentions.find(
    (x) =>
      x.start < end &&
      x.kind === 'date' &&
      x.y !== undefined &&
      /(?:^|\n)[ \t]*(?:\d{1,2}\.[ \t]+)?(?:Until|Up\s+to|As\s+of|As\s+at)\s+$/.test(text.slice(Math.max(0, x.start - 30), x.start)),
  );
  if (until?.kind === 'date' && until.y !== undefined)
    return { asOf: { as_of: toIso({ y: until.y, m: until.m, d: until.d }), datePrecision: 'day', dateBasis: 'explicit' } };
  const fieldwork = pollFieldwork(text, published);
  if (fieldwork) return { asOf: { as_of: toIso(fieldwork), datePrecision: 'day', dateBasis: 'explicit' }, stated: true };
  const inTitle = titlePeriod(text);
  if (inTitle) return { asOf: monthOf(inTitle.y, inTitle.m) };
  const quarter = reporting ? PERIOD_QUARTER.exec(reporting) : null;
  if (quarter) {
    const q = Number(quarter[1] ?? quarter[2] ?? 0) || QUARTER_WORDS.indexOf((quarter[3] ?? '').toLowerCase()) + 1;
    return { asOf: monthOf(Number(quarter[4]), q * 3) };
  }
  // "Passengers made 61.8 million journeys between April and June": a quarter the lead names by its months.
  const quarterSpan = QUARTER_SPAN.exec(leadText);
  const from = quarterSpan ? monthNumber(quarterSpan[1] ?? '') : 0;
  const to = quarterSpan ? monthNumber(quarterSpan[2] ?? '') : 0;
  if (quarterSpan && published && to > from) {
    const told = quarterSpan[4] === 'this' ? published.y : quarterSpan[4] === 'last' ? published.y - 1 : undefined;
    const y = quarterSpan[3] ? Number(quarterSpan[3]) : (told ?? inferYear(to, published));
    return { asOf: monthOf(y, to) };
  }
  const covering = COVERING.exec(leadText);
  if (covering && published) {
    const to = monthNumber(covering[3] ?? '');
    const y = covering[4] ? Number(covering[4]) : inferYear(to, published);
    return { asOf: monthOf(y, to) };
  }
  const year = THE_YEAR.exec(leadText);
  // ("the biggest number since the start of the surveillance in the year 1998": the edge of a record, not the story's year.)
  const since = year && /\b(?:since|from|start|beginning|founded|established|began)\b[^.]{0,60}$/i.test(leadText.slice(0, year.index));
  if (year && published && !since && Number(year[1]) < published.y && published.y - Number(year[1]) <= 2) return { asOf: yearOf(year[1]) };
  // "Dunmore Athletic's accounts for the year to 30 June 2026": a body's annual figures, dated by the year's last month
  // ("Our third quarter ended October 31, 2026", an earnings call's own words, likewise).
  // ("results for the first quarter ended March 31, 2027": a quarter's, likewise).
  const yearTo = YEAR_TO.exec(leadText);
  if (yearTo) {
    const month = monthNumber(yearTo[2] ?? '');
    // "for the year ended 31 December 2026": a calendar year, dated as a year is.
    if (month === 12 && /\b(?:year|twelve\s+months|12\s+months)\s+(?:to|ended|ending)\b/.test(yearTo[0])) return { asOf: yearOf(yearTo[4]) };
    const quarter = /\bquarter\b/.test(yearTo[0]);
    return { asOf: monthOf(Number(yearTo[4]), month), quarter };
  }
  const monthData = MONTH_DATA.exec(leadText);
  if (monthData && published) {
    const date = { y: Number(monthData[2]), m: monthNumber(monthData[1] ?? ''), d: 1 };
    if (toIso(date) < toIso(published)) return { asOf: monthOf(date.y, date.m) };
  }
  const titled = TITLED_YEAR.exec(text.slice(0, 300));
  if (titled && published && Number(titled[1]) <= published.y) return { asOf: yearOf(titled[1]) };
  const yearData = YEAR_DATA.exec(leadText);
  const dataYear = yearData ? Number(yearData[1] ?? yearData[2]) : undefined;
  if (dataYear && published && dataYear < published.y) return { asOf: yearOf(dataYear) };
  const release = releaseTitlePeriod(text);
  if (release) return { asOf: release };
  const season = mentions.find((x) => x.start < end && x.kind === 'year' && SEASON.test(x.text));
  if (season?.kind === 'year') return { asOf: yearOf(season.y) };
  // "in the 2025-26 reporting year": a financial or school year the lead names, by its last month.
  const yearOfAccounts = mentions.find(
    (x) =>
      x.start < end &&
      !x.boundary &&
      !x.future &&
      /\b(?:in|during|over|for|across)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, x.start - 12), x.start)) &&
      x.kind === 'month' &&
      SEASON.test(x.text),
  );
  const accounts = yearOfAccounts && resolveDate(yearOfAccounts, published);
  // (A year still to come, "fees for the 2027-28 academic year", is what the story looks ahead to, not what it reports.)
  if (accounts && published && toIso(accounts.date) < toIso(published)) return { asOf: monthOf(accounts.date.y, accounts.date.m) };
  const span = YEAR_SPAN.exec(leadText);
  return span ? { asOf: yearOf(span[2]), namedAgain: true } : undefined;
};

const PERIOD_AGAIN = /\b(?:over|in|during|for|across)\s+the\s+(?:[\w-]+\s+)?period\b/i;
const iso = (y: number, close: { m: number; d: number }): string => `${y}-${String(close.m).padStart(2, '0')}-${String(close.d).padStart(2, '0')}`;

/** The season after the story's; a fiscal year after the one running on the story's day. */
const next = (period: StoryPeriod, published: YMD): AsOf => {
  const { close } = period;
  if (!close) return { ...period.asOf, as_of: `${Number(period.asOf.as_of?.slice(0, 4)) + 1}-01-01`, dateBasis: 'carried' };
  const running = iso(published.y, close) >= toIso(published) ? published.y : published.y + 1;
  return { as_of: iso(running + 1, close), datePrecision: 'day', dateBasis: 'carried' };
};

/** Where a figure stands: the document, its clause, its offset and sentence, the story's date mentions and day. */
export interface FigurePlace {
  text: string;
  clause: Span;
  at: number;
  sentence: Span & { text: string; paragraph: number };
  mentions: DateMention[];
  published?: YMD;
  paragraphs: Paragraph[];
}

/**
 * A figure's date under the story's period: the period itself when nothing else dated it (or its sentence names the fiscal
 * year), the next one for "next season", and a fiscal year for "this year" once the story says when its year closes.
 * First, a span of years in the figure's own clause dates it.
 */
export const underStoryPeriod = (period: StoryPeriod | undefined, place: FigurePlace, dated: AsOf): AsOf => {
  const { published, sentence } = place;
  const clause = place.text.slice(place.clause.start, place.clause.end);
  const at = place.at - place.clause.start;
  const released = releaseDays(place);
  const answered =
    dated.dateBasis === 'published'
      ? answerDate(place.text, place.paragraphs, place.sentence.paragraph, place.mentions, published, place.sentence.start)
      : undefined;
  const asOf = spanOfYears({ ...place.clause, text: clause }, place.mentions, answered ?? dated, released);
  if (!period || !published || (period.until !== undefined && place.at >= period.until)) return asOf;
  // "Net sales for the third quarter were …" after "Our third quarter ended October 31": a fiscal quarter, the story's.
  if (period.quarter && asOf.dateBasis === 'relative' && /\b(?:the|this)\s+(?:(?:first|second|third|fourth)\s+)?quarter\b/i.test(clause))
    return { ...period.asOf, dateBasis: 'carried' };
  if (period.namedAgain) return asOf.dateBasis === 'published' && PERIOD_AGAIN.test(clause) ? { ...period.asOf, dateBasis: 'carried' } : asOf;
  if (period.close && FISCAL_START.test(sentence.text) && !NOW.test(clause)) return { ...period.asOf, dateBasis: 'carried' };
  // "reached 1.46 million, the league said in its review published on Friday", "the 1.41 million it announced in April":
  // the day a figure was given out is not the season it counts.
  const onlyReleased = released.length > 0 && within(place.mentions, sentence).every((x) => x.boundary || x.future || released.includes(x));
  if (onlyReleased && (asOf.dateBasis === 'relative' || asOf.dateBasis === 'explicit') && !NOW.test(clause))
    return { ...period.asOf, dateBasis: 'carried' };
  // "next season" between the figures either side of this one ("22% next season, compared with 14% in 2025-26").
  const own = (/[^\d]*$/.exec(clause.slice(0, at))?.[0] ?? '').split(/\b(?:compared|against|from|than|versus|while|whereas)\b/).pop() ?? '';
  const ownAfter = /^[\d.,]*[^\d]*/.exec(clause.slice(at))?.[0] ?? '';
  // A forecast's bare "next year" (a relative year) is the story's next period too.
  const nextYear = asOf.dateBasis === 'relative' && asOf.datePrecision === 'year';
  if (NEXT.test(own + ownAfter) && (asOf.dateBasis === 'published' || asOf.dateBasis === 'carried' || nextYear)) return next(period, published);
  const { close } = period;
  if (close && asOf.datePrecision === 'year' && asOf.dateBasis === 'relative' && asOf.as_of?.startsWith(String(published.y)))
    return { as_of: iso(Number(asOf.as_of.slice(0, 4)), close), datePrecision: 'day', dateBasis: 'relative' };
  // "rose to 3,120 per game, from 2,890", "would rise to 31.5%, from 29.8%": the base of a change holds a period earlier.
  const base = /\bfrom\s+(?:about\s+|around\s+|some\s+)?[£$€]?$/i.test(clause.slice(0, at));
  const carried = asOf.dateBasis === 'published' || (asOf.dateBasis === 'carried' && asOf.as_of === period.asOf.as_of);
  if (base && carried)
    return { ...period.asOf, as_of: `${Number(period.asOf.as_of?.slice(0, 4)) - 1}${period.asOf.as_of?.slice(4)}`, dateBasis: 'carried' };
  // (A release's own day heading, "Monday, February 9, 2026" under "FOR IMMEDIATE RELEASE", is its publication day.)
  const undated = asOf.dateBasis === 'published' || (asOf.dateBasis === 'header' && asOf.as_of === toIso(published));
  if (undated && (period.stated || !NOW.test(clause))) return { ...period.asOf, dateBasis: 'carried' };
  return asOf;
};

/** "spent over £900,000 between 2019 and 2023": a span of years in the figure's own clause dates it by its last year. */
const spanOfYears = (clause: Span & { text: string }, mentions: DateMention[], asOf: AsOf, released: DateMention[]): AsOf => {
  const span = YEAR_SPAN.exec(clause.text);
  if (!span || asOf.datePrecision === 'year' || asOf.datePrecision === 'month') return asOf;
  const own = within(mentions, clause).some((x) => !x.boundary && !x.future && !released.includes(x) && !/^(?:19|20)\d{2}$/.test(x.text));
  return own ? asOf : yearOf(span[2]);
};

// "published on Friday", "it announced in April", "a report released on Wednesday": when a figure was given out.
const RELEASED = /\b(?:announced|published|released|issued|unveiled|said|says)\s+(?:on|in|last|earlier)?\s*$/i;
const releaseDays = (place: FigurePlace): DateMention[] =>
  within(place.mentions, place.sentence).filter(
    (x) => !x.boundary && !x.future && RELEASED.test(place.text.slice(Math.max(0, x.start - 30), x.start)),
  );
