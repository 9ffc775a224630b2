import { FULL_MONTH_NAME, isValidYmd, monthNumber, toDayNumber, toIso, weekdayOf, type YMD } from './calendar';
import { datelineZone, localDay, statedInstant } from './dateline-zone';
import { findDateMentions, type DateMention } from './date-mentions';
import { mentionedWeekdays, storyYears } from './infer-year';
import { dayHeader, headerParts, issueMonth, issueWeek, leadWeekdayDate, urlDate } from './publication-elsewhere';

const HEADER_LINES = 15;
const SAID_BEFORE = /\b(?:said|says|told\s+\w+|announced|confirmed|reported|stated)\s+(?:on\s+)?$/i;
// ("Released 07:00, Thursday 8 October 2026", "Issued: Friday 4 December 2026", "Compiled by …, 30 November": a document's own line.)
const LABELLED =
  /^\s*(date(?!\s+(?:tabled|submitted|received|lodged|of\s+(?:question|birth|tabling)))|dated|published|publication date|(?:sitting|hearing|meeting|session|release|issue)\s+date|pub|posted|released|issued(?!\s+by)|compiled|filed|written|first published|originally published|last updated|updated|upd|answered)\b\s*(?:on|at)?\s*[:\-–]?\s*/i;
// A wire dateline opening the story: "KYIV, Nov 12 (Reuters) -", "SEOUL, Nov. 27 (Yonhap) --", "Nov 20 (Reuters) -",
// its place in one or two parts ("INNSBRUCK, Austria, Feb 11 (Reuters) -").
const DATELINE =
  /^\s*(?:[A-Z][A-Za-z./'’ -]{1,40},\s+){0,2}(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+((?:19|20)\d{2}))?\s*(?:\([A-Za-z][\w .&'’-]{0,30}\)\s*)?(?:-{1,2}|–|—)\s/;
// The same with the day first, as European outlets write it: "MILAN, 20 March 2026 –", "PARIS, 3 May (AFP) -".
const DATELINE_DAY_FIRST =
  /^\s*(?:[A-Z][A-Za-z./'’ -]{1,40},\s+){0,2}(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?(?:,?\s+((?:19|20)\d{2}))?\s*(?:\([A-Za-z][\w .&'’-]{0,30}\)\s*)?(?:-{1,2}|–|—)\s/;

// A place and a numeric date opening the story, as translated agency copy has it: "Paris, 13/10/2026 - 18:05 (APC) -".
const DATELINE_NUMERIC =
  /^\s*(?:[A-Z][A-Za-z./'’ -]{1,40},\s+){1,2}(\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2})\b(?:\s*[-–—,]?\s*\d{1,2}[:.h]\d{2})?\s*(?:\([A-Za-z][\w .&'’-]{0,30}\)\s*)?(?:-{1,2}|–|—)\s/;

/** A dateline's month, day and stated year, in either order, as [whole match, month, day, year?]. */
const datelineMatch = (line: string): [string, string, string, string | undefined] | undefined => {
  const m = DATELINE.exec(line);
  if (m) return [m[0], m[1] ?? '', m[2] ?? '', m[3]];
  const d = DATELINE_DAY_FIRST.exec(line);
  return d ? [d[0], d[2] ?? '', d[1] ?? '', d[3]] : undefined;
};

// A copyright line: "© 2026 Coastline Wire", "(c) Coastline Wire 2026", "Copyright 2026 Daily Post Ltd", with its rights notice.
const COPYRIGHT = /^[ \t]*(?:©|\([cC]\)|Copyright\b)[^\n\d]{0,60}((?:19|20)\d{2})\b[^\n\d]{0,240}$/m;

// A wire's filing stamp on its own line: "Filed 27/11/2026 14:32 GMT", "Transmitted 3 March 2026".
const FILED = /^[ \t]*(?:Filed|Transmitted)\b[^\n]{0,60}$/m;
const filedYear = (text: string): string | undefined => {
  const line = FILED.exec(text)?.[0];
  const date = line === undefined ? undefined : firstFullDate(line);
  return date && String(date.y);
};

/** The publication day, and the zone it was taken in when the header stamps an instant and the story a known place. */
export interface Publication {
  date: YMD;
  /** IANA zone of the dateline's place: the day is the publication instant's (or the dateline's own) day there. */
  zone?: string;
}

/** A labelled line's rank: "Published" first, then "Updated", then "Originally published" or "First published" ("Updated
 * Nov. 4 | Originally published Nov. 3": the text as it stands is the update's, unless its updates stand above it). */
const labelRank = (label: string, text: string): number =>
  /^originally/i.test(label) || (/^first/i.test(label) && !UPDATE_BLOCK.test(text)) ? 4 : /^upd|updated/i.test(label) ? 3 : 0;
// "UPDATE 00:35 GMT, Sunday: …" above the story: the updates are added on top, the story below keeps its first day.
const UPDATE_BLOCK = /\n[ \t]*UPDATE[SD]?\s+\d{1,2}[:.]\d{2}/;

/**
 * The publication date stated in the article's header: a "Date: 28/10/2024"
 * or "Published 28 October 2024" line, else a line that is only a full date.
 * "Updated" lines are used only when nothing says when it was published.
 */
export const findPublicationDate = (text: string, notAfter?: YMD): YMD | undefined => findPublication(text, notAfter)?.date;

/**
 * The publication as `findPublicationDate` reads it, except that when the line it is read from states an instant
 * ("Published 2 November 2024, 22:30 GMT", "2024-11-02T22:30:00Z") and the story is datelined from a known place
 * ("SEOUL, Nov. 3 (Yonhap) --", "KYIV —"), the day is the one it was there: the dateline's own date when it states
 * one, else the instant's day in the place's zone. Otherwise it is exactly the date the header states.
 */
export const findPublication = (text: string, notAfter?: YMD, known?: DateMention[]): Publication | undefined => {
  // The story's date mentions, found once and only if a yearless date needs them (the caller may have them already).
  let cached = known;
  const mentions = (): DateMention[] => (cached ??= findDateMentions(text));
  const lines = headerLines(text);
  const candidates: { rank: number; date: YMD; line: string; dateline: boolean }[] = [];
  for (const { line } of lines.flatMap(headerParts)) {
    const label = LABELLED.exec(line);
    const numeric = label ? undefined : DATELINE_NUMERIC.exec(line);
    const dated = label ? undefined : (datelineDate(line, text, mentions, notAfter) ?? (numeric ? firstFullDate(numeric[1] ?? '') : undefined));
    if (dated) {
      candidates.push({ rank: 1, date: dated, line, dateline: true });
      continue;
    }
    // "Posted 17/11/26", or "News | Transport | 19/11/26": a short numeric date after a label, or as a header part of its own.
    const short = label
      ? shortNumericDate(line.slice(label[0].length))
      : /^\s*\d{1,2}[/.]\d{1,2}[/.]\d{2}\s*$/.test(line)
        ? shortNumericDate(line)
        : undefined;
    const date = firstFullDate(label ? line.slice(label[0].length) : line) ?? short;
    if (!date) {
      const yearless = label && headerYearDate(line.slice(label[0].length), lines);
      if (yearless) candidates.push({ rank: labelRank(label[1] ?? '', text) + 0.5, date: yearless, line, dateline: false });
      continue;
    }
    if (label) candidates.push({ rank: labelRank(label[1] ?? '', text), date, line, dateline: false });
    else if (isBareDateLine(line)) candidates.push({ rank: 1, date, line, dateline: false });
    else if (isBylineLike(line)) candidates.push({ rank: 2, date, line, dateline: false });
  }
  candidates.sort((a, b) => a.rank - b.rank);
  // "Jan 9 (MNA) -" under "Last updated: 9 January 2027": a yearless dateline takes the year of a header date it agrees with.
  const yearless = candidates[0]?.dateline && !datelineMatch(candidates[0].line)?.[3] ? candidates[0] : undefined;
  const stamped = yearless && candidates.find((c) => !c.dateline && c.date.m === yearless.date.m && c.date.d === yearless.date.d);
  const best = stamped ? { ...candidates[0], date: stamped.date } : candidates[0];
  if (!best) {
    // No header line states it: a footer, an issue's month or week, the page's address, a yearless day header.
    const elsewhere =
      footerDate(text) ??
      issueMonth(lines) ??
      issueWeek(lines) ??
      urlDate(lines) ??
      dayHeader(text, lines, mentions, notAfter) ??
      leadWeekdayDate(text, mentions, notAfter);
    return elsewhere && { date: elsewhere };
  }
  // The instant is the best-ranked header line's (a timed "Updated" line does not time an untimed "Published" one).
  const stamp = candidates.find((c) => !c.dateline);
  const instant = stamp && (stamp === best || best.dateline) ? statedInstant(stamp.line, stamp.date) : undefined;
  const zone = instant === undefined ? undefined : datelineZone(lines.map((l) => l.line));
  if (instant === undefined || zone === undefined) return { date: best.date };
  const local = localDay(instant, zone);
  const own = candidates.find((c) => c.dateline);
  // The dateline's own day is the local one; its year, when it states none, is the instant's (across a new year, the next or last).
  const year = own === undefined ? local.y : local.y + (own.date.m === 1 && local.m === 12 ? 1 : own.date.m === 12 && local.m === 1 ? -1 : 0);
  const dated = own && { y: datelineMatch(own.line)?.[3] ? own.date.y : year, m: own.date.m, d: own.date.d };
  return { date: dated && isValidYmd(dated) ? dated : local, zone };
};

// An op-ed's or a magazine piece's closing line: "This article appeared in the print edition of Sunday 29 November 2026",
// "First published in The Courier on 3 March 2026", "A version of this story ran on 4 May 2026", a blog's
// "Posted by Marisol Vega on August 23, 2027 at 9:14 pm", a bulletin's "Approved for release by … on 4 December 2026".
const FOOTER_LINES = 4;
const FOOTER = /\b(?:appeared|published|printed|ran|edition\s+of|posted|approved\s+for\s+release|released|issued)\b/i;
// A bare ISO 8601 instant as the story's last line, as feeds stamp it: "2027-01-08T13:41:07Z".
const ISO_STAMP = /^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\s*$/;
const footerDate = (text: string): YMD | undefined =>
  text
    .split('\n')
    .filter((line) => line.trim())
    .slice(-FOOTER_LINES)
    .reverse()
    // (A letter's date alone on its line under the signatures, "9 June 2026", dates it too.)
    .filter((line) => FOOTER.test(line) || ISO_STAMP.test(line) || isBareDateLine(line))
    .map((line) => (FOOTER.test(line) ? firstFullDate(line.slice(line.search(FOOTER))) : firstFullDate(line)))
    .find((date) => date !== undefined);

// "Published on 2nd December" under "House Price Index - November 2026": a labelled yearless day takes the year the
// header names, the next one when its month comes before the named month (a December index published in January).
const NAMED_MONTH_YEAR = new RegExp(String.raw`\b(${FULL_MONTH_NAME})\s+((?:19|20)\d{2})\b`);
const headerYearDate = (rest: string, lines: { line: string }[]): YMD | undefined => {
  const day = findDateMentions(rest)[0];
  if (day?.kind !== 'date' || day.y !== undefined) return undefined;
  for (const { line } of lines) {
    const named = NAMED_MONTH_YEAR.exec(line);
    if (!named) continue;
    const y = Number(named[2]) + (day.m < monthNumber(named[1] ?? '') ? 1 : 0);
    return isValidYmd({ y, m: day.m, d: day.d }) ? { y, m: day.m, d: day.d } : undefined;
  }
  // ("KHARSA VALLEY EXPEDITION 2026 - REPORT …" over "Compiled by …, 30 November": the title's year alone.)
  const year = lines.map(({ line }) => /\b((?:19|20)\d{2})\b(?![-–/]\d)/.exec(line)?.[1]).find(Boolean);
  return year && isValidYmd({ y: Number(year), m: day.m, d: day.d }) ? { y: Number(year), m: day.m, d: day.d } : undefined;
};

// "Posted 17/11/26": after a label, a day-first date with a two-digit year (month-first when the first number cannot be
// a month: "Posted 11/24/26").
const SHORT_NUMERIC = /^\s*(?:[A-Za-z]+,?\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{2})(?![\d/.])/;
const shortNumericDate = (rest: string): YMD | undefined => {
  const m = SHORT_NUMERIC.exec(rest);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const date = b > 12 && a <= 12 ? { y: 2000 + Number(m[3]), m: a, d: b } : { y: 2000 + Number(m[3]), m: b, d: a };
  return isValidYmd(date) ? date : undefined;
};

/**
 * The date of a wire dateline; a missing year is the first one after the latest year the story mentions that fits
 * its weekdays, or, when it mentions no year, the latest one up to `notAfter` that fits them; the weekday of the lead
 * sentence is tried first.
 */
const datelineDate = (line: string, text: string, storyMentions: () => DateMention[], notAfter?: YMD): YMD | undefined => {
  const m = datelineMatch(line);
  if (!m) return undefined;
  const month = monthNumber(m[1]);
  const day = Number(m[2]);
  if (m[3]) return { y: Number(m[3]), m: month, d: day };
  // "(c) Coastline Wire 2026" or "Filed 27/11/2026 14:32 GMT" under the story: the wire's own year for a dateline that states none.
  const owned = COPYRIGHT.exec(text)?.[1] ?? filedYear(text);
  if (owned && isValidYmd({ y: Number(owned), m: month, d: day })) return { y: Number(owned), m: month, d: day };
  const mentions = storyMentions();
  const years = storyYears(text, mentions, notAfter);
  const weekdays = mentionedWeekdays(mentions);
  // "SEOUL, Nov. 28 (Kyodo) -- ... told lawmakers Thursday": the lead's day is the dateline's day (or, across time zones,
  // the day before it), so a year in which the dateline falls so is the likeliest; other weekdays named may be any day before.
  const lead = leadWeekday(text, mentions, text.indexOf(line) + m[0].length);
  // (Not after the reading day: "Nov 13" told "on Tuesday" in a story that names 2024 is 2024's Wednesday, not 2029's Tuesday.)
  const fits = (y: number | undefined, days: ReadonlySet<number>): y is number =>
    y !== undefined &&
    isValidYmd({ y, m: month, d: day }) &&
    days.has(weekdayOf({ y, m: month, d: day })) &&
    (notAfter === undefined || toIso({ y, m: month, d: day }) <= toIso(notAfter));
  // (With a reading day to bound it, the lead's own day first, then the day after it; a story naming an earlier year and
  // read on no known day takes the first year after it that fits either.)
  const tries = lead === undefined ? [] : years.bound && !notAfter ? [new Set([lead, (lead + 1) % 7])] : [new Set([lead]), new Set([(lead + 1) % 7])];
  const pick = (days: ReadonlySet<number>): number | undefined => years.pick(month, day, days);
  const fitting = tries.map((days) => ({ y: pick(days), days })).filter((c) => fits(c.y, c.days));
  // ("VELSKAR, Nov 19" over "on Wednesday evening" in a story naming 2019: 2025's Wednesday or 2026's Thursday, the day
  // after. A story the reader has within a year of its writing is likelier than one from an older year.)
  const recent = notAfter && fitting.filter((c) => toDayNumber(notAfter) - toDayNumber({ y: c.y as number, m: month, d: day }) <= 366);
  const y = (recent?.length === 1 ? recent[0]?.y : fitting[0]?.y) ?? pick(weekdays);
  const date = y === undefined ? undefined : { y, m: month, d: day };
  return date && isValidYmd(date) ? date : undefined;
};

/** A weekday the dateline's own sentence names plainly ("said Thursday", not "last Thursday" or "Thursday's vote"). */
const leadWeekday = (text: string, mentions: DateMention[], from: number): number | undefined => {
  const end = text.slice(from).search(/[.!?](?:\s|$)/);
  const limit = end < 0 ? text.length : from + end;
  const plain = mentions.filter(
    (d) => d.start >= from && d.start < limit && d.kind === 'weekday' && !d.future && !d.boundary && !d.strictlyBefore && d.week === undefined,
  );
  // "killed by an avalanche … on Monday …, police said on Wednesday": the saying's day is the dateline's, not the event's.
  // ("the 22 km reported on Tuesday, the coastguard said on Friday": the main clause's saying comes last.)
  const said = plain.findLast((d) => SAID_BEFORE.test(text.slice(Math.max(0, d.start - 30), d.start)));
  if (said?.kind === 'weekday') return said.weekday;
  // "the earthquake that struck late on Thursday rose to at least 143 on Friday": the news is the latest day the lead
  // names (each other day falls at most three days before it), the event's day comes first.
  const days = plain.flatMap((d) => (d.kind === 'weekday' ? [d.weekday] : []));
  return days.find((day) => days.every((other) => (day - other + 7) % 7 <= 3)) ?? days[0];
};

const headerLines = (text: string): { line: string; start: number }[] => {
  const out: { line: string; start: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) out.push({ line, start });
    start += line.length + 1;
    if (out.length >= HEADER_LINES) break;
  }
  return out;
};

const firstFullDate = (s: string): YMD | undefined => {
  for (const m of findDateMentions(s)) {
    if (m.kind === 'date' && m.y !== undefined) {
      const date = { y: m.y, m: m.m, d: m.d };
      if (isValidYmd(date)) return date;
    }
  }
  return undefined;
};

/** A short line that is not prose, such as "By Jane Doe, 28 October 2024 | Kyiv". */
const isBylineLike = (line: string): boolean =>
  line.trim().length <= 80 &&
  !/[.!?]["”’]?\s*$/.test(line.trim()) &&
  line
    .trim()
    .split(/\s+/)
    .filter((w) => /\w/.test(w)).length <= 12;

/** A line that holds a date and little else (weekday, time, zone), such as a byline date. */
const isBareDateLine = (line: string): boolean => {
  const rest = line
    .replace(/\b\d{1,2}[:.]\d{2}\b|\b(?:am|pm|gmt|bst|utc|cet|cest|est|edt|et|msk|kst)\b/gi, '')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi, '');
  const dates = findDateMentions(rest);
  const left = dates.reduce((s, d) => s.replace(d.text, ''), rest);
  return dates.length > 0 && left.replace(/[\s,.|·•\-–]/g, '').length <= 3;
};
