import type { NumberMention } from '../numbers/scan-numbers';
import type { Sentence, Span } from '../text/segment-text';
import type { ExtractedFigure, Unit } from '../types';
import type { UnitReading } from './find-unit';

// Readings of a number that depend on its neighbours: figures before it, numbers next to it, the paragraph it sits in.

const MONEY = new Set<Unit>(['usd', 'rub', 'eur', 'gbp', 'krw', 'uah', 'cny']);
const LENGTH = new Set<Unit>(['km', 'm', 'miles']);
const AREA = new Set<Unit>(['km2', 'mi2', 'hectares']);

export interface Reading {
  m: NumberMention;
  unit: UnitReading;
}

/**
 * Where a number's own words end: at the next number, except that a
 * bracketed conversion is stepped over, so "$2,000 (£1,540) a month" is a rate.
 */
export const wordsEnd = (text: string, m: NumberMention, next: NumberMention | undefined): number => {
  if (!next) return Infinity;
  if (/^\s*\(\s*[~≈]?\s*$/.test(text.slice(m.end, next.start))) {
    const close = /^[^()]{0,12}\)/.exec(text.slice(next.end));
    if (close) return next.end + close[0].length + 60;
  }
  return next.start;
};

/** Where the words between two figures stop describing the first: the last comma or conjunction between them. */
export const splitBetween = (text: string, from: number, to: number): number => {
  if (to <= from) return to;
  const marks = [...text.slice(from, to).matchAll(/[,;]|\b(?:and|while|but|whereas)\b/g)];
  const last = marks[marks.length - 1];
  return last ? from + (last.index ?? 0) : from;
};

/** "put the number at 10,000", "8,000 of them": a bare number counts what the figure before it counted. */
export const borrowUnit = (text: string, m: NumberMention, reading: UnitReading, clause: Span, earlier: ExtractedFigure[], since: number): UnitReading => {
  if (reading.evidence !== 'none') return reading;
  const anaphoric =
    /\b(?:number|figure|total|tally|count|estimate|toll|contingent|force)\b/i.test(text.slice(clause.start, m.start)) ||
    /^\s+of\s+(?:them|those|these)\b/i.test(text.slice(m.end, m.end + 20));
  if (!anaphoric) return reading;
  let previous: ExtractedFigure | undefined;
  for (let i = earlier.length - 1; i >= 0 && !previous; i--) {
    const f = earlier[i] as ExtractedFigure;
    if (f.offset < since) break;
    if (f.noun && !f.vague && f.unit !== 'percent') previous = f;
  }
  if (!previous) return reading;
  const base = previous.rateOf ?? previous.unit;
  const units = reading.rateOf ? { unit: reading.unit, rateOf: base } : previous.rateOf ? { unit: previous.unit, rateOf: previous.rateOf } : { unit: base };
  return { ...reading, ...units, noun: '', evidence: 'inferred' };
};

/** "That casualty rate may have been 40,000": a count called a rate takes the rate unit of the figure before it. */
export const rateByAnaphora = (reading: UnitReading, sentence: Sentence, earlier: ExtractedFigure[]): UnitReading => {
  if (reading.rateOf || !/\brate\b/i.test(sentence.text) || !['troops', 'people', 'count'].includes(reading.unit)) return reading;
  const previous = earlier[earlier.length - 1];
  if (!previous?.rateOf || sentence.start - previous.offset > 400) return reading;
  return { ...reading, unit: previous.unit, rateOf: reading.unit };
};

/** "Rbs3mn ($31,000)", "1,000 sq km (386 sq miles)": the same amount restated in another unit. */
export const isConversion = (text: string, prev: Reading, cur: Reading): boolean => {
  const between = text.slice(Math.max(prev.m.end, prev.unit.nounEnd), cur.m.start);
  if (!/^\s*(?:\(\s*|,?\s*or\s+)(?:about|around|approximately|roughly|some|nearly|almost|c\.|~)?\s*$/i.test(between)) return false;
  const a = prev.unit.rateOf ?? prev.unit.unit;
  const b = cur.unit.rateOf ?? cur.unit.unit;
  const same = (set: Set<Unit>): boolean => set.has(a) && set.has(b);
  return a !== b && (same(MONEY) || same(LENGTH) || same(AREA));
};

/** A headline, standfirst or caption: a short paragraph that does not end like a sentence. */
export const isTitleLike = (text: string, paragraph: Span): boolean => {
  const body = text.slice(paragraph.start, paragraph.end).trim();
  return !/[.!?:"”’)]$/.test(body) && body.split(/\s+/).length <= 25;
};

/** The clause as the quote, without a dated lead-in ("On 25/10/2024, ") or closing punctuation. */
export const quoteOf = (text: string, clause: Span, paragraphDate: Span | undefined): Span => {
  let { start, end } = clause;
  if (paragraphDate && paragraphDate.end > start && paragraphDate.start >= start && paragraphDate.start - start < 12) {
    const lead = /^\s*[,:–—-]\s*/.exec(text.slice(paragraphDate.end, end));
    start = paragraphDate.end + (lead?.[0].length ?? 0);
  }
  while (end > start && /[\s.,;:!?]/.test(text[end - 1] ?? '')) end--;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  return { start, end };
};
