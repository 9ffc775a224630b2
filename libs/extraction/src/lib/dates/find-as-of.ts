import type { Paragraph, Sentence, Span } from '../text/segment-text';
import type { DateBasis, DatePrecision } from '../types';
import { toIso, type YMD } from './calendar';
import type { DateMention } from './date-mentions';
import { resolveDate } from './resolve-date';
import { clockHeadingDays } from './clock-headings';
import { countBelow } from '../text/sorted-search';
import { closest, listed } from './listed-periods';
import {
  ASIDE,
  CHANGE_BASE,
  COMPARISON,
  DATED_ASIDE,
  DEFINED_DAY,
  PERFECT,
  PLACED_ASIDE,
  RELATIVE,
  SUBJECT_RELATIVE,
  YEAR_CHANGE,
} from './clause-patterns';

export interface AsOf {
  as_of: string | null;
  datePrecision: DatePrecision | null;
  dateBasis: DateBasis;
}

/** Date context of one document, built once. */
export interface DateIndex {
  mentions: DateMention[];
  published?: YMD;
  /** Per paragraph: the date it opens with ("On 28/10/2024, ..."), or that a preceding date-only heading gives it. */
  paragraphDates: (DateMention | undefined)[];
  /** Per paragraph: whether that date comes from a heading above it (a live blog's dated update) rather than its own opening. */
  fromHeading: boolean[];
  /** "Madrid, 3 Nov 2026 (Agency).- ...": a wire dateline's date says when the story was filed, not when its figures hold. */
  datelines: Set<DateMention>;
}

const NUMBER_START = /^\d+(?:[.,]\d+)*/;
const LINKED = /[,;:]|\b(?:from|to|than|compared|against|versus|vs|while|whereas|and|or|but|up|down|after|before|with|plus|for|at|by)\b/i;
const text = (sentence: Sentence, a: number, b: number): string => sentence.text.slice(a - sentence.start, b - sentence.start);
const CONTRAST = /^(?:though|although|but|while|whereas|yet|even as)\b/i;
/** How far into a sentence a date still reads as its opening adverbial ("Last month, ..."). */
const OPENING = 3;

const DATE_LINE_SLACK = 120;
const DATELINE_PLACE = /^[A-Z][\p{L} .'’-]{1,40},\s*$/u;
// ("Calderwick, 22 October 2026 - The Port …": a release's dateline has no agency.)
const DATELINE_AGENCY = /^\s*(?:\([^()\n]{2,40}\)\s*\.?\s*)?[-–—]/;

// "On 3 May,", "As of 3 May:", after a transcript's speaker label ("TR: On the night of the count, 28 January, ..."),
// the date in apposition to the occasion it names.
const PREFIX =
  /^\s*(?:[A-Z][A-Za-z.'’ -]{0,40}:\s+)?(?:(?:On|As of|As at|Updated|Posted)\s+(?:the\s+(?:night|day|morning|evening|eve)\s+of\s+(?:the\s+|its\s+|our\s+)?[a-z]+(?:\s+[a-z]+)?,\s*)?)?$/i;
/** How far into a paragraph its opening date may start (past a speaker label and an occasion). */
const PREFIX_REACH = 70;

export const buildDateIndex = (text: string, paragraphs: Paragraph[], mentions: DateMention[], published?: YMD): DateIndex => {
  const paragraphDates: (DateMention | undefined)[] = [];
  const fromHeading: boolean[] = [];
  const dateLines = paragraphs.map((p) => within(mentions, p).find((m) => isDateOnly(text.slice(p.start, p.end), m)));
  // A lone date line in the header is the byline date, not a heading; live blogs have several, or one after prose.
  const several = dateLines.filter(Boolean).length >= 2;
  let prose = false;
  let heading: DateMention | undefined;
  // Updates headed by the time alone take the next day past each midnight the headings cross.
  const clocked = several ? [] : clockHeadingDays(text, paragraphs, published);
  paragraphs.forEach((p, i) => {
    const own = within(mentions, p).find(
      (m) => m.start < p.start + PREFIX_REACH && PREFIX.test(text.slice(p.start, m.start)) && /^\s*[,:–—-]/.test(text.slice(m.end, m.end + 3)),
    );
    const line = dateLines[i];
    if (line && (several || prose)) heading = line;
    const label = updateLabel(text, p, within(mentions, p)[0]);
    if (label) heading = label;
    // "ORIGINAL STORY:" below a story's updates: what follows holds as first published.
    else if (ORIGINAL.test(text.slice(p.start, p.end))) heading = undefined;
    const above = heading ?? clocked[i];
    paragraphDates.push(label ?? own ?? (line ? undefined : above));
    fromHeading.push(label !== undefined || (!own && !line && above !== undefined));
    const body = text.slice(p.start, p.end);
    if (/[.!]["”’)]?$/.test(body) && body.split(/\s+/, 6).length >= 6) prose = true;
  });
  const datelines = new Set(
    paragraphs
      .map((p) => within(mentions, p)[0])
      .filter(
        (m): m is DateMention =>
          m !== undefined &&
          DATELINE_PLACE.test(text.slice(text.lastIndexOf('\n', m.start) + 1, m.start)) &&
          DATELINE_AGENCY.test(text.slice(m.end, m.end + 60)),
      ),
  );
  return { mentions, ...(published ? { published } : {}), paragraphDates, fromHeading, datelines };
};

// "UPDATE, Monday 9.30am: Two of the four ...": an update added above a story dates its paragraph and those below it,
// down to the next update, as a live blog's dated heading does.
// "Updated 6 September 2027: adds comment" is a header's note, not an update told above the story.
const UPDATE_PREFIX = /^\s*(?:UPDATE|Update)\b[^\n.:]{0,25}$/;
const LABEL_END = /^(?:,?\s*(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)?(?:\s+[A-Z]{2,4})?\s*[:–—-]/i;
const ORIGINAL = /^\s*(?:ORIGINAL\s+STORY|Original\s+story|EARLIER|Earlier\s+story)\s*:/;
const updateLabel = (text: string, p: Paragraph, first: DateMention | undefined): DateMention | undefined =>
  first &&
  UPDATE_PREFIX.test(text.slice(p.start, first.start)) &&
  LABEL_END.test(text.slice(first.end, first.end + 16)) &&
  /\s\S+(?:\s+\S+){7,}/.test(text.slice(first.end, p.end))
    ? first
    : undefined;

// A date line is short: a long paragraph is rejected before the replace below, which would cost its length per date in it.
const isDateOnly = (line: string, m: DateMention): boolean =>
  line.length <= m.text.length + DATE_LINE_SLACK &&
  line
    .replace(m.text, '')
    .replace(
      /[\s,.:|–—-]|\b\d{1,2}[:.]\d{2}\b|\b(?:am|pm|gmt|bst|utc|[a-z]{1,3}[sd]t|cet|cest|msk|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b/gi,
      '',
    ).length === 0;

/**
 * When a figure holds: a date in its own clause or sentence (not one past
 * a later figure), else the date
 * its paragraph opens with, else the publication date, else null.
 */
export const findAsOf = (index: DateIndex, pos: number, sentence: Sentence, clause: Span, others: Span[] = [], reference?: YMD): AsOf => {
  const prefix = index.paragraphDates[sentence.paragraph];
  // A date after another, later figure belongs to that one ("600 now, down from 1,300 in August");
  // a date before the figures usually dates the verb governing them all ("said on Thursday that A and B").
  // A figure inside an aside ("A, including B and C, arrived in October") blocks nothing past the aside.
  const asides = spansOf(ASIDE, sentence);
  // But "killed 8,000 fish along a stretch of 9 kilometres in 2022": a figure inside the first one's phrase, linked by no
  // comparison, list or aside, shares its date.
  const between = (a: number, b: number): string => text(sentence, a, b);
  const linked = (o: Span): boolean => LINKED.test(between(pos, o.start).replace(NUMBER_START, ''));
  const blockedBy = (m: DateMention): boolean =>
    !m.periodEnd &&
    others.some(
      (o) => o.start > pos && o.end <= m.start && linked(o) && !asides.some((a) => a.start <= o.start && a.end <= m.start && o.end <= a.end),
    );
  // A relative clause dates its own event: "Kursk, where troops crossed in August, now holds 800".
  // "On census day, which was the 22nd of March, there were ...": a relative clause that only names the day defines it.
  const relatives = [
    ...spansOf(RELATIVE, sentence),
    ...spansOf(DATED_ASIDE, sentence),
    ...spansOf(SUBJECT_RELATIVE, sentence),
    ...spansOf(PLACED_ASIDE, sentence).filter((r) => r.end <= pos),
  ].filter((r) => (r.end <= pos || r.start > pos) && !DEFINED_DAY.test(text(sentence, r.start, r.end)));
  // "the closure of the Ostia plant, where 310 people work": a present-tense where-clause's figure holds now, dated by nothing outside it.
  const where = spansOf(RELATIVE, sentence).find(
    (r) => r.start <= pos && pos < r.end && /^,\s*where\b(?![^,]*\b(?:was|were|had|did|\w{3,}ed)\b)/i.test(text(sentence, r.start, r.end)),
  );
  const changeBy = /\b(?:up|down)\s+$/i.test(sentence.text.slice(Math.max(0, pos - sentence.start - 5), pos - sentence.start));
  const compared = (m: Span): boolean =>
    m.start > pos && COMPARISON.test(sentence.text.slice(pos - sentence.start - (changeBy ? 5 : 0), m.start - sentence.start));
  // "98,000 in the same period last year" dates the figure it follows; "surpasses by 4.9% the one registered in the same
  // period of the previous year" names the base of a change, and dates nothing.
  const detached = (m: DateMention): boolean =>
    m.kind === 'relative' &&
    m.sameTime === true &&
    !/^\S+(?:\s+[a-z]+)?\s+(?:in|during|over|for)?\s*$/.test(sentence.text.slice(pos - sentence.start, m.start - sentence.start));
  // "1.3% higher than a year earlier": a change holds now; only the base it is measured against holds a year back.
  // "2.5 percentage points lower than in September": a change's base period, not the change's.
  const changeSince = (m: DateMention): boolean =>
    m.start > pos &&
    ((m.kind === 'day-offset' && m.years !== undefined && YEAR_CHANGE.test(sentence.text.slice(pos - sentence.start, m.start - sentence.start))) ||
      CHANGE_BASE.test(sentence.text.slice(pos - sentence.start, m.start - sentence.start)));
  // "fell to 5.1%, from 5.3% in April to June": a date after a later figure's "from" dates that base, not this figure
  // (not "took £90,000 from 14 customers between May 2023 and August 2025").
  const laterBase = (m: DateMention): boolean =>
    m.start > pos &&
    others.some(
      (o) =>
        o.start > pos &&
        o.start < m.start &&
        /(?:,|\bup|\bdown)\s+from\s+(?:[a-z]+\s+)?[£$€]?$/i.test(sentence.text.slice(0, o.start - sentence.start)),
    );
  const inSentence = within(index.mentions, sentence);
  // "on the night of Thursday 22 October": a weekday naming the date after it is that date, not the latest such weekday.
  const named = (m: DateMention, i: number): boolean =>
    m.kind === 'weekday' && inSentence[i + 1]?.kind === 'date' && /^,?\s+(?:the\s+)?$/.test(text(sentence, m.end, inSentence[i + 1]?.start ?? m.end));
  const candidates = inSentence
    .filter(
      (m, i) =>
        m !== prefix &&
        !named(m, i) &&
        !laterBase(m) &&
        !changeSince(m) &&
        !index.datelines.has(m) &&
        !m.boundary &&
        !m.future &&
        !blockedBy(m) &&
        !compared(m) &&
        !detached(m) &&
        !relatives.some((r) => r.start <= m.start && m.end <= r.end) &&
        !(where && (m.start < where.start || m.end > where.end)),
    )
    .map((m) => ({ m, resolved: resolveDate(m, index.published) }))
    .filter((c) => c.resolved !== null);
  const inClause = candidates.filter(({ m }) => m.start >= clause.start && m.end <= clause.end);
  // Outside its clause, only a date before the figure carries over ("On Thursday, X said A; B"), and
  // into a contrasting clause ("X pledged A last month, while Y has committed B") only from the sentence's opening.
  const contrast = CONTRAST.test(sentence.text.slice(clause.start - sentence.start));
  const pool = inClause.length
    ? inClause
    : candidates.filter(({ m }) => (m.end <= pos || m.periodEnd) && (!contrast || m.start - sentence.start < OPENING));
  // "told Parliament on Tuesday that Russia lost 1,523 a day in November": the that-clause's own date wins.
  const that = /^.*\bthat\b/s.exec(sentence.text.slice(0, Math.max(0, pos - sentence.start)));
  const thatStart = that ? sentence.start + that[0].length : undefined;
  const own = thatStart === undefined ? [] : pool.filter(({ m }) => m.start >= thatStart);
  // "said the fault had been fixed late on Sunday and that 95% were working again": a second that-clause has no date of the first.
  // The day of the saying ("told X on November 13 that A and that B") still dates both.
  const second = own.length === 0 && /\b(?:and|but)\s+that\s*$/.test(that?.[0] ?? '');
  // With no earlier "that" ("said the fault had been fixed late on Sunday and that 95% ..."), the first clause's date is its own.
  const thats = [...sentence.text.slice(0, Math.max(0, pos - sentence.start)).matchAll(/\bthat\b/g)];
  const firstThat = sentence.start + (thats[0]?.index ?? 0);
  const usable = second ? pool.filter(({ m }) => (thats.length > 1 && m.end <= firstThat) || m.periodEnd) : own.length ? own : pool;
  // "fell to 3,100 last year, from 4,400 in 2024": the base of a change takes the date right after it, and so does a figure
  // followed by its own span back ("up from 37 a fortnight earlier", "against 610 three days before").
  const base = /\bfrom\s+(?:[a-z]+\s+)?[£$€]?$/i.test(sentence.text.slice(Math.max(0, pos - sentence.start - 20), pos - sentence.start));
  const after = usable.find(
    ({ m }) =>
      (base || (m.kind === 'day-offset' && m.anchored)) &&
      m.start > pos &&
      m.start - pos <= 30 &&
      !others.some((o) => o.start > pos && o.start < m.start),
  );
  // "In August we projected growth of 1.9% for the year to March 2027": the period the figure is for, not the day it was told.
  const periodAfter = usable.find(({ m }) => m.periodEnd && m.start > pos && !others.some((o) => o.start > pos && o.start < m.start));
  const nearest = after ?? periodAfter ?? closest(listed(usable, sentence, pos, others), pos);
  const runningTotal =
    nearest?.m.kind === 'relative' &&
    nearest.m.period === 'year' &&
    nearest.m.back === 0 &&
    PERFECT.test(sentence.text.slice(clause.start - sentence.start, clause.end - sentence.start));
  if (nearest?.resolved && !(runningTotal && index.published)) {
    // "by this afternoon" under a live blog's "Thursday 4 June" header: today is the update's day, not the page's.
    const header = nearest.m.kind === 'day-offset' && index.fromHeading[sentence.paragraph] && prefix ? resolveDate(prefix, index.published) : null;
    // "said on Thursday that nine had died, up from six a day earlier": the day before the day the sentence names.
    // "a profit of £1.8m a year earlier" after the story's period: a year before the period's end.
    const anchor =
      nearest.m.kind === 'day-offset' && nearest.m.anchored
        ? anchorDay(index, sentence, nearest.m, prefix, nearest.m.years ? reference : undefined)
        : null;
    const shifted = anchor && resolveDate(nearest.m, anchor.date);
    if (shifted) return { as_of: toIso(shifted.date), datePrecision: anchor?.month ? 'month' : 'day', dateBasis: 'relative' };
    const { date, precision, relative } = header?.precision === 'day' ? (resolveDate(nearest.m, header.date) ?? nearest.resolved) : nearest.resolved;
    return { as_of: toIso(date), datePrecision: precision, dateBasis: relative ? 'relative' : 'explicit' };
  }
  if (prefix && prefix.start < pos) {
    const resolved = resolveDate(prefix, index.published);
    if (resolved)
      return {
        as_of: toIso(resolved.date),
        datePrecision: resolved.precision,
        dateBasis: index.fromHeading[sentence.paragraph] ? 'header' : 'paragraph',
      };
  }
  if (index.published) return { as_of: toIso(index.published), datePrecision: 'day', dateBasis: 'published' };
  return { as_of: null, datePrecision: null, dateBasis: null };
};

/** The day an anchored offset counts from: a day named earlier in the sentence, else the paragraph's date, else publication. */
// "in November, compared with 85.2% a year earlier": a year back from the month the sentence names, at month precision.
const anchorDay = (index: DateIndex, sentence: Sentence, offset: DateMention, prefix: DateMention | undefined, reference?: YMD) => {
  const byYears = offset.kind === 'day-offset' && offset.years !== undefined;
  const named = within(index.mentions, sentence)
    .filter(
      (m) =>
        m.end <= offset.start &&
        !m.boundary &&
        !m.future &&
        (m.kind === 'weekday' || m.kind === 'date' || (m.kind === 'month' && byYears) || (m.kind === 'day-offset' && !m.anchored)),
    )
    .map((m) => resolveDate(m, index.published))
    .findLast((r) => r?.precision === 'day' || r?.precision === 'month');
  if (named) return { date: named.date, month: named.precision === 'month' };
  const base = prefix ? resolveDate(prefix, index.published) : null;
  const day = base?.precision === 'day' ? base.date : (reference ?? index.published);
  return day && { date: day, month: false };
};

const spansOf = (re: RegExp, sentence: Sentence): Span[] =>
  [...sentence.text.matchAll(re)].map((m) => ({ start: sentence.start + (m.index ?? 0), end: sentence.start + (m.index ?? 0) + m[0].length }));

/** Mentions (sorted by start) that lie inside `span`, found by binary search. */
export const within = (mentions: DateMention[], span: Span): DateMention[] => {
  const lo = countBelow(mentions, (m) => m.start, span.start);
  const out: DateMention[] = [];
  for (let i = lo; i < mentions.length && (mentions[i] as DateMention).start < span.end; i++) {
    if ((mentions[i] as DateMention).end <= span.end) out.push(mentions[i] as DateMention);
  }
  return out;
};
