import { daysInMonth, FULL_MONTH_NAME, monthNumber } from './calendar';
import type { DateValue } from './date-mentions';
import type { Rule } from './date-rules';

// Years told as the period a figure covers (rules found by the held-out batch g113–g120).
const YEAR = String.raw`((?:19|20)\d{2})`;
const COUNT = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const QUARTERS = ['first', 'second', 'third', 'fourth'];
/** A quarter's number from "Q3" (its digit) or "third quarter" (its word). */
const quarterOf = (digit: string | undefined, word: string | undefined): number =>
  digit ? Number(digit) : QUARTERS.indexOf((word ?? '').toLowerCase()) + 1;
const MONTH_NAME = FULL_MONTH_NAME;

// A year that runs across two calendar years, by the noun that names it (or, bare, by what the story is about).
const SEASONAL = /\b(?:season|campaign(?!\s+(?:group|groups|for|against))|winter|harvest|crop)\b/i;
const YEAR_NOUN = String.raw`(season|campaign|winter|harvest|crop|(?:school|academic|financial|fiscal|tax|budget|reporting|accounting)\s+year)`;
// "the 2025-26 financial year", "the 2024/25 season": the noun a story puts beside its own two-year periods.
const BESIDE = new RegExp(String.raw`\b${YEAR_NOUN}\s+(?:of\s+)?(?:19|20)\d{2}[-–/]\d{2}\b|\b(?:19|20)\d{2}[-–/]\d{2}\s+${YEAR_NOUN}\b`, 'i');
const SCHOOL = /\b(?:school|academic)\s+year\b/i;
const FINANCIAL = /\b(?:financial|fiscal|tax|budget|reporting|accounting)\s+year\b/i;

// Dollars of Australia, New Zealand or the US (not Canada's, nor beside pounds or euros): public bodies there close their
// financial year on 30 June (US states and school districts; the US federal year, to September, is the exception).
const JUNE_YEAR = /\bA\$|\bAUD\b|\bNZ\$|\bNZD\b|(?<![A-Z])\$\d/;
const MARCH_YEAR = /£|€|\bC\$|\bCAD\b|\bCanad|\bGBP\b|\bEUR\b/;

// "the 2025-26 financial year, the year ended 31 March", "its financial year, which ended in December": the story says.
const STATED_CLOSE = new RegExp(
  String.raw`\b(?:financial|fiscal|tax|budget|reporting)?\s*year,?\s+(?:that\s+|which\s+)?(?:ended|ends|ending|closed|closes|runs\s+to)\s+(?:on\s+|in\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(${MONTH_NAME})\b`,
  'i',
);
// (The month written as a name, in capitals too, "YEAR ENDED 30 SEPTEMBER 2026": "the year ended in may" is no close.)
const statedClose = (story: string): number | undefined => {
  const month = STATED_CLOSE.exec(story)?.[1] ?? '';
  return /^[A-Z]/.test(month) ? monthNumber(month) || undefined : undefined;
};

/** What a story's bare two-year periods are, and the month its financial years close, read once per text (a rule runs per match). */
let storyNoun = { story: '', noun: '', close: 3 };
const storyYear = (story: string): { noun: string; close: number } => {
  if (storyNoun.story !== story)
    storyNoun = {
      story,
      noun: besideNoun(story) ?? (SEASONAL.test(story) ? 'season' : SCHOOL.test(story) ? 'school year' : 'financial year'),
      close: statedClose(story) ?? (JUNE_YEAR.test(story) && !MARCH_YEAR.test(story) ? 6 : 3),
    };
  return storyNoun;
};

const besideNoun = (story: string): string | undefined => {
  const m = BESIDE.exec(story);
  const noun = (m?.[1] ?? m?.[2])?.toLowerCase();
  return noun === undefined ? undefined : SCHOOL.test(noun) ? 'school year' : FINANCIAL.test(noun) ? 'financial year' : 'season';
};

/**
 * "2025-26": a financial year (April to March, as UK bodies count it; July to June where the story counts in Australian,
 * New Zealand or US dollars) holds as of its last month in its second year, a school or
 * academic year as of July; a season, a winter or a campaign in the year it ends. Bare, the story's own nouns decide, and a
 * story with none of them is counting a financial year.
 */
export const splitYear = (first: string, second: string, noun: string | undefined, story: string): DateValue | undefined => {
  const y = Number(first);
  const end = y - (y % 100) + Number(second);
  if (end !== y + 1) return undefined;
  const named = noun ?? storyYear(story).noun;
  if (FINANCIAL.test(named)) return { kind: 'month', y: end, m: storyYear(story).close, last: false };
  if (SCHOOL.test(named)) return { kind: 'month', y: end, m: 7, last: false };
  return { kind: 'year', y: end };
};

export const YEAR_PERIOD_RULES: Rule[] = [
  {
    // "in the last financial year", "this school year", "next tax year": a two-year period counted from publication, held
    // as of its last month ("so far this financial year" is a running total, dated by the day it is told).
    re: /(?<!\bso\s+far\s)\b(?:(this|the\s+current|current)|(last|the\s+last|the\s+previous|previous|the\s+past|past)|(next|the\s+next|the\s+coming))\s+(financial|fiscal|tax|budget|school|academic)\s+year\b/gi,
    build: (m) => {
      const noun = (m[4] ?? '').toLowerCase();
      // A school year closes in July (June where the story's financial years close in June, as in dollar-counting
      // states), the UK's tax year in April, a financial year when the story's do.
      const financial = storyYear(m.input ?? '').close;
      const closes = noun === 'tax' ? 4 : noun === 'school' || noun === 'academic' ? (financial === 6 ? 6 : 7) : financial;
      return { kind: 'relative', period: 'year', back: m[1] ? 0 : m[2] ? 1 : -1, closes };
    },
  },
  {
    // "in Q3 2026", "Q2 of 2026", "the third quarter of 2026": a quarter with its year holds as of its last month.
    re: new RegExp(String.raw`\b(?:Q([1-4])(?:\s+of)?|(?:the\s+)?(first|second|third|fourth)\s+quarter\s+of)\s+${YEAR}\b(?![-–/]\d)`, 'gi'),
    build: (m) => {
      const q = quarterOf(m[1], m[2]);
      return { kind: 'month', y: Number(m[3]), m: q * 3, last: false };
    },
  },
  {
    // "in the third quarter of this year", "Q4 of last year": a quarter of a year counted from publication, at its last month.
    re: /\b(?:Q([1-4])|(?:the\s+)?(first|second|third|fourth)\s+quarter)\s+of\s+(this|last|next)\s+year\b/gi,
    build: (m) => {
      const back = { this: 0, last: 1, next: -1 }[(m[3] ?? '').toLowerCase() as 'this' | 'last' | 'next'];
      return { kind: 'relative', period: 'year', back, month: quarterOf(m[1], m[2]) * 3 };
    },
  },
  {
    // "in the third quarter", "during Q3": a quarter with no year holds as of its last month (the latest one, as a bare
    // month does). With a year, the rule above reads it.
    // ("the first quarter of the 2027 financial year", "Q1 of FY27": a fiscal quarter, not the calendar's.)
    re: /\b(?:in|during|for|over|of)\s+(?:the\s+)?(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\b(?![-–/]?\s*(?:of\s+)?(?:19|20)?\d{2}\b)(?!\s+of\s+(?:(?:the|its|our|this|last|next)\s+)?(?:(?:19|20)\d{2}(?:[-–/]\d{2})?\s+)?(?:financial|fiscal)\s+year|\s+of\s+FY)/gi,
    build: (m) => ({ kind: 'month', m: quarterOf(m[1], m[2]) * 3, last: false }),
  },
  {
    // "at the end of December", "the end-June backlog": the month's last day (its year, when stated, after it).
    re: new RegExp(
      String.raw`\b(?:the\s+)?end(?:\s+of\s+|-)(${MONTH_NAME}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?:,?\s+${YEAR})?(?![-–/]\d|\s+\d{1,2}\b)`,
      'g',
    ),
    monthGroup: 1,
    build: (m) => {
      const month = monthNumber(m[1] ?? '');
      const y = m[2] ? Number(m[2]) : undefined;
      // A yearless month's last day: 28 in February (the year, inferred later, may be a leap year: a day early at worst).
      return { kind: 'date', ...(y ? { y } : {}), m: month, d: y ? daysInMonth(y, month) : month === 2 ? 28 : daysInMonth(2001, month) };
    },
  },
  {
    // "between April and June", "July to September", "April-June": a span of months with no year, named by its end.
    re: new RegExp(
      String.raw`(?<=\b(?:between\s+${MONTH_NAME}\s+and|${MONTH_NAME}\s+(?:to|until|through)|${MONTH_NAME}\s*[-–])\s*)(${MONTH_NAME})\b(?!,?\s+(?:19|20)\d{2})(?!\s+\d)`,
      'g',
    ),
    monthGroup: 1,
    build: (m) => ({ kind: 'month', m: monthNumber(m[1] ?? ''), last: false }),
  },
  {
    // "a 2025 survey put the median at", "the 2024 figure", "in the 2020 capital programme", "the 2025 harvest, at": a
    // data source, or a year's output, told by its year.
    re: new RegExp(
      String.raw`\b(?:the|a|an|its|their)\s+${YEAR}\s+(?=(?:[a-z]+\s+)?(?:figures?|estimates?|survey|report|census|count|total|budget|programme|program|accounts|data|tally|inventory|harvest|crop|vintage|catch|output|production|edition|intake)\b)`,
      'gi',
    ),
    build: (m) => ({ kind: 'year', y: Number(m[1]) }),
  },
  {
    // "compared with 14% in 2025-26", "revenue for 2025-26": a two-year period after a preposition holds in the year it ends.
    re: /(?<=\b(?:in|for|during|over)\s)((?:19|20)\d{2})[-–/](\d{2})\b(?![-–/]?\d)/gi,
    build: (m) => splitYear(m[1] ?? '', m[2] ?? '', undefined, m.input ?? ''),
  },
  {
    // "in year 2025", "in the year 2026": a year told with its noun, as translated copy often writes it.
    // ("In all the year 2025 were registered …", "during the whole year 2025".)
    re: new RegExp(String.raw`\b(?:in|during|for|throughout)\s+(?:(?:all|the\s+whole|the\s+entire)\s+)?(?:the\s+)?year\s+${YEAR}\b(?![-–/]\d)`, 'gi'),
    build: (m) => ({ kind: 'year', y: Number(m[1]) }),
  },
  {
    // "Only in the month October of this year were registered 3.011 cases": translated copy's month, with its year told
    // relatively ("of last year") or not at all.
    re: new RegExp(
      String.raw`\b(?:in|during|for)\s+the\s+month\s+(?:of\s+)?(${MONTH_NAME})\b(?:\s+of\s+(this|last)\s+year)?(?!,?\s+(?:19|20)\d{2})`,
      'g',
    ),
    monthGroup: 1,
    build: (m) =>
      m[2]
        ? { kind: 'relative', period: 'year', back: m[2] === 'last' ? 1 : 0, month: monthNumber(m[1] ?? '') }
        : { kind: 'month', m: monthNumber(m[1] ?? ''), last: false },
  },
  {
    // "the reserve had stood at 11.2% two years ago": a year back from the reporting, at year precision ("a year ago" is
    // the same day a year back, in date-mentions).
    re: /(?<!\b(?:published|announced|released|reported|issued|gave|given)\s)\b(two|three|four|five|six|seven|eight|nine|ten)\s+years\s+ago\b/gi,
    build: (m) => ({ kind: 'relative', period: 'year', back: Math.max(1, COUNT.indexOf(m[1].toLowerCase())) }),
  },
];
