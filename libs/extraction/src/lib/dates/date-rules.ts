import { FULL_MONTH_NAME, isoWeekDate, monthNumber, WEEKDAYS } from './calendar';
import type { DateValue } from './date-mentions';
import { splitYear, YEAR_PERIOD_RULES } from './year-periods';

// The patterns a date is told by, each with the value it means; findDateMentions (date-mentions) reads their context.

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
// 2100: the horizon of long-range projections ("by 2100").
const YEAR = String.raw`((?:19|20)\d{2}|2100)`;
const WEEKDAY = String.raw`(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;

// "the middle of next year" is its June.
const PART_OF_YEAR: Record<string, number> = { end: 12, middle: 6, start: 1, beginning: 1 };

export interface Rule {
  re: RegExp;
  /** Month name capture index (must be capitalised: "may" is usually a verb). */
  monthGroup?: number;
  build(m: RegExpExecArray): DateValue | undefined;
}

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const SPAN_COUNT = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const MONTHS_COUNT = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const ORDINAL_DAYS = [
  ...['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'],
  ...['eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'],
  ...['twentieth', ...['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'].map((w) => `twenty-${w}`)],
  ...['thirtieth', 'thirty-first'],
];
const ORDINAL_DAY = [...ORDINAL_DAYS]
  .reverse()
  .map((w) => w.replace('-', String.raw`[\s-]`))
  .join('|');

/** Day-first numeric dates (28/10/2024), unless the first part cannot be a day-of-month pairing. */
const numericDate = (a: number, b: number, y: number, monthFirst = false): DateValue =>
  (b > 12 || monthFirst) && a <= 12 ? { kind: 'date', y, m: a, d: b } : { kind: 'date', y, m: b, d: a };
// A slashed date followed by a 12-hour clock or a North American zone ("11/06/2024 05:00 PM EST") is US month-first.
const US_TIME_AFTER = String.raw`(?=(\s+\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\b\.?|(?:EST|EDT|ET|CST|CDT|PST|PDT)\b))?)`;

export const DATE_RULES: Rule[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g, build: (m) => ({ kind: 'date', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }) },
  {
    // ISO 8601 week dates, as data desks stamp them: "2026-W50-1", "2026W501" (Monday of week 50).
    re: /\b(\d{4})-?W(\d{2})-?([1-7])\b/g,
    build: (m) => {
      const date = isoWeekDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return date && { kind: 'date', ...date };
    },
  },
  {
    // "in week 48", "week 47 of 2026", "Week 48: Monday 23 November …": a surveillance report's numbered week (a trial's
    // "at week 16" or "by week 52" counts from its start instead).
    re: /(?<!\b(?:[Aa]t|[Bb]y|[Aa]fter|[Uu]ntil|[Tt]hrough|[Bb]efore|[Ww]ithin|[Ff]rom|[Tt]o)\s)\b[Ww]eek\s+(\d{1,2})(?:(?:\s+of|,)\s+((?:19|20)\d{2}))?\b(?!\s*(?:-|–|to|and|of\s+the)\b)/g,
    build: (m) => {
      const week = Number(m[1]);
      return week >= 1 && week <= 53 ? { kind: 'week', week, ...(m[2] ? { y: Number(m[2]) } : {}) } : undefined;
    },
  },
  {
    // Military/desk date-time groups: "07DEC26", "07DEC2026" (day, month in capitals, year).
    re: /\b(\d{2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\d{2}|\d{4})\b/g,
    build: (m) => ({ kind: 'date', y: (m[3]?.length === 2 ? 2000 : 0) + Number(m[3]), m: monthNumber(m[2] ?? ''), d: Number(m[1]) }),
  },
  {
    // A wire's closing stamp: "Fr, 03.Jul 2026" (day, dot, month's abbreviation, year).
    re: /\b(\d{1,2})\.(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?[^\S\n]+(\d{4})\b/g,
    build: (m) => ({ kind: 'date', y: Number(m[3]), m: monthNumber(m[2] ?? ''), d: Number(m[1]) }),
  },
  {
    // A day, a month's abbreviation and a year joined by hyphens or slashes, as committee papers stamp a sitting: "26-Nov-2026".
    // (In capitals too, as a wire's stamp: "MNW 04-FEB-2027 12:19:07 GMT".)
    re: /\b(\d{1,2})([-/])(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\2(\d{4})\b/g,
    build: (m) => ({ kind: 'date', y: Number(m[4]), m: monthNumber(m[3] ?? ''), d: Number(m[1]) }),
  },
  {
    re: new RegExp(String.raw`\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b${US_TIME_AFTER}`, 'g'),
    build: (m) => numericDate(Number(m[1]), Number(m[3]), Number(m[4]), m[2] === '/' && Boolean(m[5])),
  },
  {
    // A weekday before a day-first date with a two-digit year, as newsletters stamp an issue: "Thursday 03/12/26".
    re: new RegExp(String.raw`\b${WEEKDAY},?[^\S\n]+(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/])`, 'g'),
    build: (m) => numericDate(Number(m[2]), Number(m[3]), 2000 + Number(m[4])),
  },
  {
    // A month in Roman numerals, as Central European outlets stamp an issue: "12 · XII · 2026", "3.XI.2026".
    re: /\b(\d{1,2})[^\S\n]*[·.][^\S\n]*(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)[^\S\n]*[·.][^\S\n]*(\d{4})\b/g,
    build: (m) => numericDate(Number(m[1]), ROMAN_MONTHS.indexOf(m[2] ?? '') + 1, Number(m[3])),
  },
  {
    // Central European day-first dates with spaces after the dots: "Lukovica, 14. 5. 2026", "dne 3. 11. 2025".
    re: /\b(\d{1,2})\.[^\S\n]+(\d{1,2})\.[^\S\n]*(\d{4})\b/g,
    build: (m) => numericDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // A date never runs over a line break ("Sunday 8 November" over a "18:40" time line).
    // "6. February 2027": a day with an ordinal dot, as German-speaking outlets write it; "28th of April of 2027", as
    // Spanish "28 de abril de 2027" comes into English.
    // (Hard-wrapped prose: "on 30\nSeptember", a day ending its line in a sentence that runs on.)
    re: new RegExp(
      String.raw`\b${DAY}\.?(?:[^\S\n]+of)?(?:[^\S\n]+|(?<=[a-z,][^\S\n]+\d{1,2}(?:st|nd|rd|th)?)\n)(${MONTH})(?:,?[^\S\n]+(?:of[^\S\n]+)?${YEAR})?(?![\w])`,
      'gi',
    ),
    monthGroup: 2,
    build: (m) => ({ kind: 'date', y: num(m[3]), m: monthNumber(m[2]), d: Number(m[1]) }),
  },
  {
    // A day in ordinal words, as a presenter says it: "Wednesday the third of March 2027".
    re: new RegExp(String.raw`\b(?:the[^\S\n]+)?(${ORDINAL_DAY})[^\S\n]+of[^\S\n]+(${MONTH})(?:,?[^\S\n]+${YEAR})?(?![\w])`, 'gi'),
    monthGroup: 2,
    build: (m) => ({
      kind: 'date',
      y: num(m[3]),
      m: monthNumber(m[2]),
      d: ORDINAL_DAYS.indexOf((m[1] ?? '').toLowerCase().replace(/[\s-]+/, '-')) + 1,
    }),
  },
  {
    // (Hard-wrapped prose may break the line between them: "in the 12 months to September\n30, down 4.1%", not a clock line.)
    re: new RegExp(
      String.raw`\b(${MONTH})(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=\d{1,2}(?:st|nd|rd|th)?(?:,|[^\S\n]+[a-z])))${DAY}(?:,?[^\S\n]+${YEAR})?(?![\w,]\d)(?!\d)`,
      'gi',
    ),
    monthGroup: 1,
    build: (m) => ({ kind: 'date', y: num(m[3]), m: monthNumber(m[1]), d: Number(m[2]) }),
  },
  {
    // ("In October of 2026", translated copy's month and year.)
    re: new RegExp(String.raw`\b(?:(last)\s+|(?:mid|early|late)-?\s*)?(${MONTH}),?\s+(?:of\s+)?${YEAR}\b`, 'gi'),
    monthGroup: 2,
    build: (m) => ({ kind: 'month', y: Number(m[3]), m: monthNumber(m[2]), last: false }),
  },
  {
    // "Container volumes in July, August and September": a quarter told by its months, named by the last.
    re: new RegExp(
      String.raw`\b(?:in|during|for|over|across)\s+(${MONTH})(?:,\s+${MONTH})*,?\s+and\s+(${MONTH})(?![\w-])(?!\.?\s+\d{1,2}(?!\d))(?!\.?,?\s+(?:19|20)\d{2}\b)`,
      'g',
    ),
    monthGroup: 2,
    build: (m) => ({ kind: 'month', m: monthNumber(m[2] ?? ''), last: false }),
  },
  {
    // A bare month only counts after a word that makes it a time ("in October", "for October", "last June", "mid-October");
    // "by Nov. 5" is a day, not a bare month; "for July to September" is a span, named by its end (year-periods).
    re: new RegExp(
      String.raw`\b(?:in|during|for|of|since|from|until|till|by|through|throughout|(last)|this|early|late|end of|start of|beginning of|mid-?)\s*(?:early\s+|late\s+|mid-?)?(${MONTH})(?![\w-])(?!\.?\s+\d{1,2}(?!\d|,\d|\.\d|\s*(?:%|per\s*cent|percent))|\.?,?\s+(?:of\s+)?(?:19|20)\d{2}\b)(?!\s*(?:to|until|through|[-–])\s*${MONTH}(?![\w-])(?!,?\s+(?:19|20)\d{2}))`,
      'gi',
    ),
    monthGroup: 2,
    build: (m) => ({ kind: 'month', m: monthNumber(m[2]), last: Boolean(m[1]) }),
  },
  {
    // A month named as the noun's modifier says when the figure holds: "its September total", "the June concert",
    // "October's figure" (full names only: an abbreviation such as "Mar" or "Dec" before a noun is rarely a month).
    re: new RegExp(
      String.raw`(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Tt]his)\s+(${FULL_MONTH_NAME})|\b(${FULL_MONTH_NAME})['’]s)(?=\s+[a-z])(?!\s+(?:contracts?|futures|options|delivery|expiry)\b)`,
      'g',
    ),
    build: (m) => ({ kind: 'month', m: monthNumber(m[1] ?? m[2] ?? ''), last: false }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:in|during|since|from|until|till|by|through|throughout|of|for|mid-|early|late|(end of)|start of)\s*${YEAR}(?![\d,.]\d)(?![-–/]\d)`,
      'gi',
    ),
    // "by the end of 2027" is its December.
    build: (m) => (m[1] ? { kind: 'month', y: Number(m[2]), m: 12, last: false } : { kind: 'year', y: Number(m[1 + 1]) }),
  },
  {
    // "took £17.8 million over the weekend", "last weekend's admissions": a weekend gone by, held at its Sunday (a span of
    // days is dated by its last).
    // ("expected over the weekend" looks ahead; "at the weekend" may mean either.)
    re: /(?<!\b(?:expected|forecast|due|set|planned|predicted)\s+)\b(?:(?:over|during|across)\s+the\s+weekend\b(?!\s+(?:of|ahead)\b)|(?:last|this\s+past|the\s+past)\s+weekend\b|the\s+weekend['’]s\b)/gi,
    build: () => ({ kind: 'weekday', weekday: 6, strictlyBefore: false }),
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
    // "over the 2025-26 season", "the 2024/25 financial year": a period across two years, by its noun.
    re: /\b((?:19|20)\d{2})[-–/](\d{2})\s+(?:[a-z]+\s+){0,2}?(season|campaign|winter|(?:financial|fiscal|tax|budget|reporting|accounting|school|academic)\s+year)\b/g,
    build: (m) => splitYear(m[1] ?? '', m[2] ?? '', m[3], m.input ?? ''),
  },
  {
    // "compared with 89% a year earlier", "up from $389 a year ago": the same day a year before the day (or period end) the
    // sentence is about. "two years ago" is a year back at year precision, and "it published a year ago" when it was given out.
    re: /\b(a|one|two|three|four|five)\s+years?\s+(?:earlier|before(?![^\S\n]+[\w"“'‘]))|(?<!\b(?:published|announced|released|reported|issued|gave|given)\s)\b(a|one)\s+year\s+ago\b/gi,
    build: (m) => ({ kind: 'day-offset', days: 0, years: -Math.max(1, SPAN_COUNT.indexOf((m[1] ?? m[2]).toLowerCase())), anchored: true }),
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
  {
    // "August was the busiest month, at 206,150 TEU": a month as its sentence's subject.
    re: new RegExp(String.raw`(?<=(?:^|[.!?]["”]?[^\S\n]+|\n[^\S\n]*))(${MONTH})(?=[^\S\n]+(?:was|saw|brought|had|set)\b)`, 'g'),
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
