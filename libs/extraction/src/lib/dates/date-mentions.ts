import { monthNumber, WEEKDAYS } from './calendar';
import { FORECAST, pastPossessive, SCHEDULED, sentenceBefore, takesEffect } from './mention-context';
import { YEAR_PERIOD_RULES } from './year-periods';

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
  | { kind: 'weekday'; weekday: number; strictlyBefore: boolean; week?: 0 | -1; ahead?: boolean }
  /** `anchored`: "a day earlier", counted from the day the sentence names ("said on Thursday ..."), not from publication. */
  | { kind: 'day-offset'; days: number; anchored?: boolean; years?: number }
  /** `sameTime`: "the same period last year", the publication's month `back` years earlier. */
  | { kind: 'relative'; period: 'week' | 'month' | 'year'; back: number; sameTime?: boolean; month?: number };

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
// 2100: the horizon of long-range projections ("by 2100").
const YEAR = String.raw`((?:19|20)\d{2}|2100)`;
const WEEKDAY = String.raw`(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;

// Words that make a date the edge of a period rather than the time a figure describes.
const BOUNDARY_BEFORE =
  /\b(?:since|from|after|before|until|till|by|between|starting|start(?:ed|s)?(?: in| on)?|beg[au]n(?: in| on)?|beginning(?: in| on)?|launched(?: in| on)?|invaded(?: in| on)?|invasion(?: in| on| of)?|as early as|ended(?: in)?)\s*$/i;
// "since they entered combat last month": the date opens a since-clause.
// "Comparing with the same date of previous year": the base of a comparison, not when the figure holds.
const COMPARISON_BASE = /\bcompar(?:ed|ing)\s+(?:with|to)\s+(?:the\s+)?(?:same\s+\w+\s+(?:of|in|last)\s+)?(?:the\s+)?$/i;
const BOUNDARY_CLAUSE = /\b(?:since|until|till|after|before)\b[^,.;:()]{0,40}$|\bthan\s+(?:in|on|at|during|the|our|its|their|a)\b[^,.;:()\d]{0,40}$/i;
// "By Oct. 28, the Pentagon put the total at 10,000": a sentence opening "By <date>," says when the figure held.
const AS_OF_BY = /(?:^|[.!?]["”]?\s+|\n\s*)By\s+$/;
// "next week", "another cut in September": ahead of the reporting.
const FUTURE_BEFORE =
  /\b(?:next|coming|upcoming|(?:due|scheduled|slated)\s+(?:on|for|in))\s*$|\b(?:another|a\s+further|further)\s+\w+\s+(?:(?:in|on|by)\s+)?$/i;

// "the three months to June", and "between March 2022 and June 2025": a span the figure covers, named by its end.
const PART_OF_YEAR: Record<string, number> = { end: 12, middle: 6, start: 1, beginning: 1 };
const PERIOD_END =
  /\b(?:days|weeks?|months|quarter|year|period|half)\s+(?:to|ended|ending|through)\s+$|\bbetween\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d{2}\s+and\s+$/i;

export interface Rule {
  re: RegExp;
  /** Month name capture index (must be capitalised: "may" is usually a verb). */
  monthGroup?: number;
  build(m: RegExpExecArray): DateValue | undefined;
}

const SPAN_COUNT = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const MONTHS_COUNT = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** Day-first numeric dates (28/10/2024), unless the first part cannot be a day-of-month pairing. */
const numericDate = (a: number, b: number, y: number, monthFirst = false): DateValue =>
  (b > 12 || monthFirst) && a <= 12 ? { kind: 'date', y, m: a, d: b } : { kind: 'date', y, m: b, d: a };
// A slashed date followed by a 12-hour clock or a North American zone ("11/06/2024 05:00 PM EST") is US month-first.
const US_TIME_AFTER = String.raw`(?=(\s+\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\b\.?|(?:EST|EDT|ET|CST|CDT|PST|PDT)\b))?)`;

const RULES: Rule[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g, build: (m) => ({ kind: 'date', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }) },
  {
    re: new RegExp(String.raw`\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b${US_TIME_AFTER}`, 'g'),
    build: (m) => numericDate(Number(m[1]), Number(m[3]), Number(m[4]), m[2] === '/' && Boolean(m[5])),
  },
  {
    // A date never runs over a line break ("Sunday 8 November" over a "18:40" time line).
    re: new RegExp(String.raw`\b${DAY}(?:[^\S\n]+of)?[^\S\n]+(${MONTH})(?:,?[^\S\n]+${YEAR})?(?![\w])`, 'gi'),
    monthGroup: 2,
    build: (m) => ({ kind: 'date', y: num(m[3]), m: monthNumber(m[2]), d: Number(m[1]) }),
  },
  {
    re: new RegExp(String.raw`\b(${MONTH})[^\S\n]+${DAY}(?:,?[^\S\n]+${YEAR})?(?![\w,]\d)(?!\d)`, 'gi'),
    monthGroup: 1,
    build: (m) => ({ kind: 'date', y: num(m[3]), m: monthNumber(m[1]), d: Number(m[2]) }),
  },
  {
    re: new RegExp(String.raw`\b(?:(last)\s+|(?:mid|early|late)-?\s*)?(${MONTH}),?\s+${YEAR}\b`, 'gi'),
    monthGroup: 2,
    build: (m) => ({ kind: 'month', y: Number(m[3]), m: monthNumber(m[2]), last: false }),
  },
  {
    // A bare month only counts after a word that makes it a time ("in October", "for October", "last June", "mid-October");
    // "by Nov. 5" is a day, not a bare month.
    re: new RegExp(
      String.raw`\b(?:in|during|for|of|since|from|until|till|by|through|throughout|(last)|this|early|late|end of|start of|beginning of|mid-?)\s*(?:early\s+|late\s+|mid-?)?(${MONTH})(?![\w-])(?!\.?\s+\d{1,2}(?!\d|,\d|\.\d|\s*(?:%|per\s*cent|percent))|\.?,?\s+(?:19|20)\d{2}\b)`,
      'gi',
    ),
    monthGroup: 2,
    build: (m) => ({ kind: 'month', m: monthNumber(m[2]), last: Boolean(m[1]) }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:in|during|since|from|until|till|by|through|throughout|of|for|mid-|early|late|(end of)|start of)\s*${YEAR}(?![\d,.]\d)(?!-\d)`,
      'gi',
    ),
    // "by the end of 2027" is its December.
    build: (m) => (m[1] ? { kind: 'month', y: Number(m[2]), m: 12, last: false } : { kind: 'year', y: Number(m[1 + 1]) }),
  },
  {
    re: new RegExp(String.raw`\b(?:(last)\s+|(?:on|this)\s+)?${WEEKDAY}\b(?:\s+(this|last)\s+week\b)?`, 'g'),
    build: (m) => ({
      kind: 'weekday',
      weekday: WEEKDAYS.indexOf(m[2].toLowerCase() as (typeof WEEKDAYS)[number]),
      strictlyBefore: Boolean(m[1]),
      ...(m[3] ? { week: m[3] === 'last' ? -1 : 0 } : {}),
    }),
  },
  {
    // "in the three months to September", "the quarter ended June", "the year to March": a period named by its last month
    // (the mention is the month alone: "the quarter" is no attributive date).
    re: new RegExp(
      String.raw`(?<=\b(?:months|quarter|half|year|weeks|period)\s+(?:to|ended|ending|through)\s+)(${MONTH})(?![\w-])(?!\.?,?\s+(?:\d{1,2}(?!\d|,\d|\.\d|\s*(?:%|per\s*cent|percent))|(?:19|20)\d{2}\b))`,
      'gi',
    ),
    monthGroup: 1,
    build: (m) => ({ kind: 'month', m: monthNumber(m[1]), last: false }),
  },
  {
    // "in the first nine months of 2024", "the first half of the year": the period ends in that month.
    re: new RegExp(
      String.raw`\bfirst\s+(half|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+(?:months\s+)?of\s+(?:the\s+year|${YEAR})\b`,
      'gi',
    ),
    build: (m) => {
      const n = m[1].toLowerCase() === 'half' ? 6 : MONTHS_COUNT.indexOf(m[1].toLowerCase()) + 1 || Number(m[1]);
      return n >= 1 && n <= 12 ? { kind: 'month', ...(m[2] ? { y: Number(m[2]) } : {}), m: n, last: false } : undefined;
    },
  },
  {
    // "two weeks ago" counts back from the reporting; "a fortnight earlier", "three days before" from the day the sentence
    // names ("reached 94 on Monday, up from 37 a fortnight earlier"). "two weeks before the vote" is a preposition, no date.
    re: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?|fortnights?)\s+(ago|earlier|before(?![^\S\n]+[\w"“'‘]))/gi,
    build: (m) => {
      const n = /^\d/.test(m[1]) ? Number(m[1]) : Math.max(1, SPAN_COUNT.indexOf(m[1].toLowerCase()));
      const days = n * (/^f/i.test(m[2]) ? 14 : /^w/i.test(m[2]) ? 7 : 1);
      return { kind: 'day-offset', days: -days, ...(/^ago$/i.test(m[3]) ? {} : { anchored: true }) };
    },
  },
  {
    // "over the 2025-26 season", "the 2024/25 financial year": a period across two years holds in the year it ends.
    re: /\b((?:19|20)\d{2})[-–/](\d{2})\s+(?:[a-z]+\s+){0,2}?(?:season|campaign|winter|financial\s+year|fiscal\s+year|school\s+year|academic\s+year)\b/g,
    build: (m) => {
      const first = Number(m[1]);
      const end = first - (first % 100) + Number(m[2]);
      return end === first + 1 ? { kind: 'year', y: end } : undefined;
    },
  },
  {
    // "compared with 89% a year earlier": the same day a year before the day (or period end) the sentence is about.
    re: /\b(a|one|two|three|four|five)\s+years?\s+(?:earlier|ago|before(?![^\S\n]+[\w"“'‘]))/gi,
    build: (m) => ({ kind: 'day-offset', days: 0, years: -Math.max(1, SPAN_COUNT.indexOf(m[1].toLowerCase())), anchored: true }),
  },
  {
    re: /\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b/gi,
    build: () => ({ kind: 'day-offset', days: -1, anchored: true }),
  },
  {
    // "full-year revenue", "close the year with 98 million": a whole-year figure holds for the year (year precision).
    re: /\b(?:full|whole)[- ]year\b|\b(?:close|end|finish)(?:s|ed|ing)?\s+the\s+year(?=\s+(?:with|at|on|about|around|some|up|down)\b)/gi,
    build: () => ({ kind: 'relative', period: 'year', back: 0 }),
  },
  {
    // "about 98,000 in the same period last year": the current period a year back, at month precision.
    re: /\bthe\s+same\s+(?:period|time|point|months?|weeks?|quarter)\s+(?:of\s+)?(?:last|the\s+previous|the\s+preceding|the\s+prior)\s+year\b/gi,
    build: () => ({ kind: 'relative', period: 'year', back: 1, sameTime: true }),
  },
  {
    // "stood at 30% in the September poll": a month naming the event a figure comes from.
    re: new RegExp(
      String.raw`(?<=\bin\s+the\s+)(?:(?:early|late|mid)-?\s*)?(${MONTH})(?=[^\S\n]+[a-z]{3,}\b)(?![^\S\n]+(?:and|or|to|of|was|is|were|that|when|the)\b)`,
      'g',
    ),
    monthGroup: 1,
    build: (m) => ({ kind: 'month', m: monthNumber(m[1]), last: false }),
  },
  ...YEAR_PERIOD_RULES,
  {
    re: /\b(yesterday|today|tonight|this (?:morning|afternoon|evening)|last night)\b/gi,
    build: (m) => ({ kind: 'day-offset', days: /^yesterday|^last night/i.test(m[1]) ? -1 : 0 }),
  },
  {
    // "1.5 million tonnes for this season, down from 3.3 million last season": a harvest or season told by its year.
    re: /\b(?:(last|previous)|this)\s+season\b/gi,
    build: (m) => ({ kind: 'relative', period: 'year', back: m[1] ? 1 : 0 }),
  },
  {
    // "2.25 per cent next year", "by the end of next year": a forecast's target (bare, only right after a figure).
    re: /\bthe\s+(end|middle|start|beginning)\s+of\s+next\s+year\b|(?<=(?:\d|%|\bper\s?cent|\bpercent)(?:\s+[a-z]+){0,2}\s+)next\s+year\b(?!['’])/gi,
    build: (m) => ({ kind: 'relative', period: 'year', back: -1, month: PART_OF_YEAR[m[1]?.toLowerCase() ?? ''] ?? 0 }),
  },
  {
    re: /\b(?:(last|previous)|this|earlier this)\s+(week|month|year)\b/gi,
    build: (m) => ({ kind: 'relative', period: m[2].toLowerCase() as 'week' | 'month' | 'year', back: m[1] ? 1 : 0 }),
  },
];

/**
 * Every date expression in `text`, longest first where they overlap. Hand-written rather than chrono-node: chrono
 * (2.10) reads "on Monday" and "in February" forward from the reference date, where news means the last one, and
 * "a day earlier" from the reference rather than the event; added to these rules for what they miss, it lowered the
 * generality set's date accuracy (older articles 94.3 → 85.3, g40–g47 87.8 → 82.4).
 */
export const findDateMentions = (text: string): DateMention[] => {
  const found: DateMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (rule.monthGroup !== undefined && !/^[A-Z]/.test(m[rule.monthGroup] ?? '')) continue;
      const value = rule.build(m);
      if (!value || !plausible(value)) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      const before = text.slice(Math.max(0, start - 40), start);
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
      found.push({
        ...value,
        ...(ahead || forward ? { ahead: true } : {}),
        start,
        end,
        text: m[0],
        ...(PERIOD_END.test(before) ? { periodEnd: true } : {}),
        boundary:
          attributive(text, start, end) ||
          (!asOfBy &&
            !target &&
            !effective &&
            !asOfUntil &&
            !(AS_OF_BY.test(before) && /^,/.test(after)) &&
            (BOUNDARY_BEFORE.test(before) ||
              BOUNDARY_CLAUSE.test(before) ||
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
          (value.kind === 'weekday' && /^['’]s\b/.test(after) && !pastPossessive(text, start, end)),
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
