import { FULL_MONTH_NAME, monthNumber } from './calendar';
import { DATE_RULES } from './date-rules';
import { FORECAST, aheadPossessive, SCHEDULED, sentenceBefore, takesEffect } from './mention-context';

/** A date expression found in text. Its digits are never figures. */
export type DateMention = {
  start: number;
  end: number;
  text: string;
  /** "since 2022", "until June": the edge of a period, not when a figure holds. */
  boundary: boolean;
  /** "next week", "Tuesday's election": ahead of the reporting, never an as-of. */
  future: boolean;
  /** "in the seven days to Sunday": the end of a period every figure of its sentence covers. */
  periodEnd?: boolean;
} & DateValue;

export type DateValue =
  /** `ahead`: a yearless day or month a plan or forecast looks to ("by mid-May", "will apply from 1 May"), the next one. */
  | { kind: 'date'; y?: number; m: number; d: number; ahead?: boolean }
  | { kind: 'month'; y?: number; m: number; last: boolean; ahead?: boolean }
  | { kind: 'year'; y: number }
  /** `week` 0 / -1: that day of the publication week / the week before; absent: the latest such day. */
  /** `ahead`: "are due to arrive on Monday", the next such day. */
  /** `since`: "UPDATE 00:35 GMT, Sunday:", an update's day, the first such day on or after publication. */
  | { kind: 'weekday'; weekday: number; strictlyBefore: boolean; week?: 0 | -1; ahead?: boolean; since?: boolean }
  /** `anchored`: "a day earlier", counted from the day the sentence names ("said on Thursday ..."), not from publication. */
  | { kind: 'day-offset'; days: number; anchored?: boolean; years?: number }
  /** `sameTime`: "the same period last year", the publication's month `back` years earlier. */
  /** `closes`: a financial, tax or school year ending in that month ("last financial year"), counted in such years. */
  | { kind: 'relative'; period: 'week' | 'month' | 'year'; back: number; sameTime?: boolean; month?: number; closes?: number }
  /** "in week 48", "week 47 of 2026": a numbered (ISO) week, as surveillance reports count them; held at its Sunday. */
  | { kind: 'week'; week: number; y?: number };

// Words that make a date the edge of a period rather than the time a figure describes.
const BOUNDARY_BEFORE =
  /\b(?:since|from|after|before|until|till|by|between|starting|start(?:ed|s)?(?: in| on)?|beg[au]n(?: in| on)?|beginning(?: in| on)?|launched(?: in| on)?|invaded(?: in| on)?|invasion(?: in| on| of)?|as early as|ended(?: in)?)\s*$/i;
// "since they entered combat last month": the date opens a since-clause.
// "Comparing with the same date of previous year": the base of a comparison, not when the figure holds.
const COMPARISON_BASE = /\b(?:compar(?:ed|ing)|in\s+comparison)\s+(?:with|to)\s+(?:the\s+)?(?:same\s+\w+\s+(?:of|in|last)\s+)?(?:the\s+)?$/i;
const BOUNDARY_CLAUSE = /\b(?:since|until|till|after|before)\b[^,.;:()]{0,40}$|\bthan\s+(?:in|on|at|during|the|our|its|their|a)\b[^,.;:()\d]{0,40}$/i;
// "By Oct. 28, the Pentagon put the total at 10,000": a sentence opening "By <date>," says when the figure held.
const AS_OF_BY = /(?:^|[.!?]["”]?\s+|\n\s*)By\s+$/;
// "UPDATE 00:35 GMT, Sunday:": the weekday of an update added to the story after it was published.
const UPDATE_LABEL = /(?:^|\n)[ \t]*(?:UPDATE[SD]?|Update[sd]?)\b[^\n.]{0,25}$/;
// "next week", "another cut in September": ahead of the reporting.
const FUTURE_BEFORE =
  /\b(?:next|coming|upcoming|(?:due|scheduled|slated)\s+(?:on|for|in))\s*$|\b(?:another|a\s+further|further)\s+\w+\s+(?:(?:in|on|by)\s+)?$/i;

// "the three months to June", "the year that ended in March", "between March 2022 and June 2025", "July to
// September": a span the figure covers, named by its end.
const MONTH_NAMES = FULL_MONTH_NAME;
const PERIOD_END = new RegExp(
  String.raw`\b(?:days|weeks?|months|quarter|year|period|half|season)\s+(?:(?:that|which)\s+)?(?:to|ended|ending|through|closed)\s+(?:in\s+|on\s+)?$` +
    String.raw`|\b(?:between\s+${MONTH_NAMES}\s+and|${MONTH_NAMES}\s+(?:to|until|through)|${MONTH_NAMES}\s*[-–])\s*$` +
    String.raw`|\bbetween\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d{2}\s+and\s+$`,
  'i',
);

// "played between 7 March and 26 September", "lasts from 1st May until 31st October", "between Oct. 3 and Nov. 2": a span of
// days across months is a span of months, dated by its last month (a span within one month keeps its last day).
const DAY = String.raw`(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?`;
const DAY_SPAN_START = new RegExp(
  String.raw`\b(?:between|from)\s+(?:${DAY}\s+([A-Z][a-z]{2,8})\.?|([A-Z][a-z]{2,8})\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+((?:19|20)\d{2}))?\s+(?:and|until|till|to|through)\s+$`,
);
const SPAN_TO_MONTH = new RegExp(String.raw`^\s*(?:to|until|till|through|[-–])\s*${FULL_MONTH_NAME}\b`);
const acrossMonths = (m: RegExpExecArray, value: DateValue): DateValue => {
  const from = monthNumber(m[1] ?? m[2] ?? '');
  // (A running total holds on its last day: "from February 24, 2022 to November 14, 2024" across years, or the year to
  // date, "between Jan. 1 and Aug. 31".)
  const sameYear = !m[3] || value.kind !== 'date' || value.y === undefined || Number(m[3]) === value.y;
  const yearToDate = from === 1 && /\b(?:the\s+)?(?:1|1st)(?:\s+of)?\s+Jan|\bJan[a-z]*\.?\s+(?:1|1st)\b/.test(m[0]);
  return value.kind === 'date' && from > 0 && from !== value.m && sameYear && !yearToDate
    ? { kind: 'month', y: value.y, m: value.m, last: false }
    : value;
};

/**
 * Every date expression in `text`, longest first where they overlap. Hand-written rather than chrono-node: chrono
 * (2.10) reads "on Monday" and "in February" forward from the reference date, where news means the last one, and
 * "a day earlier" from the reference rather than the event; added to these rules for what they miss, it lowered the
 * generality set's date accuracy (older articles 94.3 → 85.3, g40–g47 87.8 → 82.4).
 */
export const findDateMentions = (text: string): DateMention[] => {
  const found: DateMention[] = [];
  for (const rule of DATE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (rule.monthGroup !== undefined && !/^[A-Z]/.test(m[rule.monthGroup] ?? '')) continue;
      const built = rule.build(m);
      if (!built || !plausible(built)) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      const before = text.slice(Math.max(0, start - 40), start);
      const span = DAY_SPAN_START.exec(before);
      const value = span ? acrossMonths(span, built) : built;
      const after = text.slice(end, end + 3);
      // "had burned 41,200 acres by Thursday evening": "by" a day says when the figure held, not where a period ends.
      // "until 1 September the grain was harvested from 2.1 million hectares": a cumulative count up to a day holds on that day.
      const asOfUntil =
        /(?:^|[,.:]\s*|\n\s*|\bdata[^.]{0,40}?)\b(?:until|till|up\s+to)\s*$/i.test(before) &&
        value.kind === 'date' &&
        !/\b(?:will|would|could|should|may|might|remain|remains|stay|stays|closed|suspended|extended|runs?|open|valid|last|lasts)\b/i.test(before);
      const asOfBy =
        /\bby\s*$/i.test(before) &&
        !/\b(?:will|would|could|should|may|might|expected|plans?|aims?|set|intends?|hopes?)\b/i.test(before) &&
        (value.kind === 'weekday' || value.kind === 'date' || value.kind === 'day-offset');
      // "could lose up to 90% by 2100", "expects to close 35 more by the end of 2027": a forecast holds at its target.
      const target =
        /\bby\s+(?:the\s+)?$/i.test(before) || /^by\b/i.test(m[0])
          ? (value.kind === 'relative' && value.back < 0) ||
            ((value.kind === 'year' || value.kind === 'month') && FORECAST.test(sentenceBefore(text, start)))
          : false;
      const effective = value.kind === 'date' && takesEffect(text, before, start);
      const forward = (target || effective) && (value.kind === 'month' || value.kind === 'date') && value.y === undefined;
      // "two aircraft are due to arrive on Monday": a scheduled arrival counts forward from the reporting.
      const ahead = value.kind === 'weekday' && value.week === undefined && !value.strictlyBefore && SCHEDULED.test(sentenceBefore(text, start));
      // "the year that ended in March": the end of the period the figure covers, not a boundary of something else.
      const periodEnd = PERIOD_END.test(before) || span !== null;
      found.push({
        ...value,
        ...(ahead || forward ? { ahead: true } : {}),
        ...(value.kind === 'weekday' && UPDATE_LABEL.test(text.slice(Math.max(0, start - 40), start)) ? { since: true } : {}),
        start,
        end,
        text: m[0],
        ...(periodEnd ? { periodEnd: true } : {}),
        boundary:
          attributive(text, start, end) ||
          // "in April to June 2026": a span's first month is its edge.
          (value.kind === 'month' && value.y === undefined && SPAN_TO_MONTH.test(text.slice(end, end + 24))) ||
          (!asOfBy &&
            !periodEnd &&
            !target &&
            !effective &&
            !asOfUntil &&
            !(AS_OF_BY.test(before) && /^,/.test(after)) &&
            (BOUNDARY_BEFORE.test(before) ||
              // ("after a 24-17 win in Saturday's final": a possessive names its event's day, whatever clause it stands in.)
              (BOUNDARY_CLAUSE.test(before) && !(value.kind === 'weekday' && /^['’]s\b/.test(after))) ||
              COMPARISON_BASE.test(before) ||
              /^(?:since|from|until|till|by|between|before|after)\b/i.test(m[0]))),
        future:
          FUTURE_BEFORE.test(before) ||
          // "registered for November resits": a month naming what something is for, not when a figure holds.
          (value.kind === 'month' &&
            /^for\s/i.test(m[0]) &&
            /^[^\S\n]+[a-z]{3,}s\b/.test(text.slice(end, end + 20)) &&
            !/^\s+(?:was|is|has|does)\b/.test(text.slice(end, end + 8))) ||
          (/^next\b/i.test(m[0]) && !(value.kind === 'relative' && value.back < 0)) ||
          (value.kind === 'weekday' && /^['’]s\b/.test(after) && aheadPossessive(text, start, end)),
      });
    }
  }
  // Where expressions overlap, the longer one is the date ("Feb. 24, 2022" over "since Feb.").
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of found) {
    const last = kept[kept.length - 1];
    if (!last || mention.start >= last.end) kept.push(mention);
    else if (mention.end - mention.start > last.end - last.start) kept[kept.length - 1] = { ...mention, boundary: mention.boundary || last.boundary };
  }
  return kept;
};

/**
 * "the toll from the 3 March flood", "the October 12 vote": a date naming an event is not when a figure about it
 * holds (the toll has risen since); it dates nothing. But "won 14% in the May election" holds on the event's date, and in
 * "at the end of September from 13,200" "the" belongs to the phrase and a preposition after it names no event.
 */
const attributive = (text: string, start: number, end: number): boolean =>
  /\bthe\s+$/i.test(text.slice(Math.max(0, start - 5), start)) &&
  !/\bin\s+the\s+$/i.test(text.slice(Math.max(0, start - 8), start)) &&
  !/^(?:end|start|beginning|middle)\b/i.test(text.slice(start, end)) &&
  /^[^\S\n]+(?!(?:and|or|to|at|in|on|of|was|is|were|that|when|the|from|with|for|by|than|as|after|before)\b)[a-z]{3,}\b/.test(
    text.slice(end, end + 20),
  );

const plausible = (v: DateValue): boolean => {
  if (v.kind === 'date') return v.m >= 1 && v.m <= 12 && v.d >= 1 && v.d <= 31 && (v.y === undefined || (v.y >= 1900 && v.y <= 2100));
  if (v.kind === 'month') return v.m >= 1;
  if (v.kind === 'weekday') return v.weekday >= 0;
  return true;
};
