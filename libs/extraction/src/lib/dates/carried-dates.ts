import type { ExtractedFigure } from '../types';
import { CLOCK_TIME } from './reference-period';
import type { AsOf } from './find-as-of';

// Dates a figure takes over from what it goes on with: the lead's period, a statement's day, the sentence before.

// A running total or a state of now is not a figure of the lead's month.
const PERFECT_TENSE = /\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|t)\b/i;
const ONGOING_WORDS = /\b(?:now|currently|so far|to date|since(?!\s+records)|as of|still|this year|expects?|expected|forecasts?|would|will)\b/i;
export const ONGOING = new RegExp(`${PERFECT_TENSE.source}|${ONGOING_WORDS.source}`, 'i');
/**
 * "Of these, the foreign arrivals have been 212.870", "the lake district has registered 412.300": a release's present
 * perfect tells its period's figures (as translated copy often writes the past), unless a word says the figure holds now.
 */
export const perfectOnly = (clause: string): boolean => PERFECT_TENSE.test(clause) && !ONGOING_WORDS.test(clause);

/** Lead figures stated with no date of their own before the sentence that names the story's period. */
export const backdate = (figures: ExtractedFigure[], from: number, period: AsOf): void => {
  figures.forEach((f, i) => {
    if (f.offset >= from && f.dateBasis === 'published' && !ONGOING.test(f.quote) && !CLOCK_TIME.test(f.quote))
      figures[i] = { ...f, ...carried(period) };
  });
};

/** A date taken over from the statement, gathering or lead-in a figure goes on with. */
export function carried(asOf: AsOf): AsOf;
export function carried(asOf: AsOf | undefined): AsOf | undefined;
export function carried(asOf: AsOf | undefined): AsOf | undefined {
  return asOf && asOf.dateBasis !== null && asOf.dateBasis !== 'published' ? { ...asOf, dateBasis: 'carried' } : asOf;
}

export const PAST = /\b(?:was|were|\w{3,}ed)\b/;
// A present or past-perfect state ("Four people remain unaccounted for", "46,000 had been affected") holds as reported.
export const NOT_PAST = /\b(?:is|are|remains?|has|have|had)\b/i;
/** The last figure in `span`: figures are pushed sentence by sentence, so the walk back stops at the span's start. */
// ("… compared with 3.61 million tonnes in the June quarter": a comparison's base holds on its own date, not the sentence's.)
const BASE_BEFORE = /\b(?:compared\s+(?:with|to)|against|from|than|versus|vs\.?)\s+(?:(?:about|around|some|nearly|roughly|almost)\s+)?[£$€]?$/i;
const isBase = (f: ExtractedFigure): boolean => BASE_BEFORE.test(f.quote.slice(0, Math.max(0, f.numberOffset - f.quoteOffset)));
const lastIn = (figures: ExtractedFigure[], span: { start: number; end: number }): ExtractedFigure | undefined => {
  for (let i = figures.length - 1; i >= 0; i--) {
    const f = figures[i] as ExtractedFigure;
    if (f.offset < span.start) return undefined;
    if (f.offset < span.end && !isBase(f)) return f;
  }
  return undefined;
};

/** The day the last figure of `sentence` holds on, when it is in `paragraph` and was dated by the text. */
export const dayBefore = (
  figures: ExtractedFigure[],
  sentence: { start: number; end: number; paragraph: number } | undefined,
  paragraph: number,
  period: AsOf | undefined,
) => {
  const last = sentence?.paragraph === paragraph ? lastIn(figures, sentence) : undefined;
  // The end of the story's period is no day of an event.
  return last?.datePrecision === 'day' && last.dateBasis !== 'published' && last.dateBasis !== null && last.as_of !== period?.as_of
    ? { as_of: last.as_of, datePrecision: last.datePrecision, dateBasis: last.dateBasis }
    : undefined;
};
