import type { NumberMention } from '../numbers/scan-numbers';
import type { Sentence, Span } from '../text/segment-text';
import type { ExtractedFigure, Unit } from '../types';
import type { UnitReading } from './find-unit';

// Readings of a number that depend on its neighbours: figures before it, numbers next to it, the paragraph it sits in.

const MONEY = new Set<Unit>(['usd', 'rub', 'eur', 'gbp', 'krw', 'uah', 'cny', 'aud', 'cad', 'nzd', 'hkd', 'sgd']);
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
  // "66 of 96 drones": the first number counts what the second does.
  if (/^\s+(?:out\s+)?of\s+$/.test(text.slice(m.end, next.start))) return Infinity;
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

// Words that make a bare number refer back: "another 24", "up from 13,000", "compared with 1,271".
// "Of these, 60 were shot down": the number counts part of the figure before it.
const REFERS_BACK_BEFORE =
  /(?:\b(?:another|a\s+further|an\s+additional|(?:up|down|rising|falling|rose|fell|increased|decreased|jumped|dropped)\s+from|compared\s+(?:with|to))\s+|\b(?:of|among)\s+(?:them|these|those|which|whom)\s*,?\s*)$/i;
// "8,000 of them", "28 others", "24 more"; "30 were lost": a bare number as the subject of a passive counts something named before.
const REFERS_BACK_AFTER =
  /^\s+(?:of\s+(?:them|those|these)|others|more\b|(?:were|was|are|have\s+been|had\s+been)\s+["“]?(?:[a-z]+ly\s+)?(?:[a-z]+ed|shot|lost|hit|downed|taken|struck|brought|thrown)\b|["“]?(?:lost|downed|intercepted|destroyed|shot\s+down|jammed)\b)/i;
const NOT_ANTECEDENT = new Set<Unit>(['percent', 'years', 'months', 'weeks', 'days', 'hours']);

/** "put the number at 10,000", "8,000 of them", "another 24": a bare number counts what the figure before it counted. */
export const borrowUnit = (
  text: string,
  m: NumberMention,
  reading: UnitReading,
  clause: Span,
  earlier: ExtractedFigure[],
  since: number,
): UnitReading => {
  if (reading.evidence !== 'none') return reading;
  const pointer =
    REFERS_BACK_BEFORE.test(text.slice(Math.max(clause.start, m.start - 40), m.start)) || REFERS_BACK_AFTER.test(text.slice(m.end, m.end + 40));
  const anaphoric = pointer || /\b(?:number|figure|total|tally|count|estimate|toll|contingent|force)s?\b/i.test(text.slice(clause.start, m.start));
  if (!anaphoric) return reading;
  let previous: ExtractedFigure | undefined;
  for (let i = earlier.length - 1; i >= 0 && !previous; i--) {
    const f = earlier[i] as ExtractedFigure;
    if (f.offset < since) break;
    if (f.noun && !f.vague && !NOT_ANTECEDENT.has(f.rateOf ?? f.unit)) previous = f;
  }
  // "maybe 40 of them", "a daily tally, which stood at 696,810": what is counted was said elsewhere, but it is a count all the same.
  if (!previous) return { ...reading, evidence: 'inferred' };
  const base = previous.rateOf ?? previous.unit;
  const units = reading.rateOf
    ? { unit: reading.unit, rateOf: base }
    : previous.rateOf
      ? { unit: previous.unit, rateOf: previous.rateOf }
      : { unit: base };
  const refersTo = pointer ? { refersTo: { source: previous.source, ...(previous.sourceText ? { sourceText: previous.sourceText } : {}) } } : {};
  return { ...reading, ...units, noun: '', evidence: 'inferred', ...refersTo };
};

/** "38 and 36 attempts", "3, 4 or 5 brigades": a bare number coordinated with the next shares its noun. */
export const shareNoun = (text: string, readings: Reading[]): Reading[] =>
  readings.map((r, i) => {
    const next = readings[i + 1];
    if (r.unit.evidence !== 'none' || !next || (next.unit.evidence !== 'lexicon' && next.unit.evidence !== 'generic')) return r;
    if (!/^\s*(?:,|,?\s*(?:and|or|&))\s*$/.test(text.slice(r.m.end, next.m.start))) return r;
    const { unit, rateOf, noun } = next.unit;
    return { ...r, unit: { ...r.unit, unit, ...(rateOf ? { rateOf } : {}), noun, evidence: 'inferred' } };
  });

/** "about 3m shells a year and perhaps another 1.3m": a bare "1.3m" next to a counted "3m" is millions, not metres. */
export const millionsBySibling = (reading: Reading, siblings: Reading[]): UnitReading => {
  const { m, unit } = reading;
  if (m.shortScale !== 'm' || unit.unit !== 'm') return unit;
  const sibling = siblings.find((o) => o !== reading && o.m.shortScale === 'm' && o.unit.unit !== 'm');
  if (!sibling) return unit;
  const { rateOf: _rateOf, ...rest } = unit;
  return {
    ...rest,
    unit: sibling.unit.unit,
    ...(sibling.unit.rateOf ? { rateOf: sibling.unit.rateOf } : {}),
    value: m.value,
    noun: '',
    evidence: 'inferred',
  };
};

/** "That casualty rate may have been 40,000": a count called a rate takes the rate unit of the figure before it. */
export const rateByAnaphora = (reading: UnitReading, sentence: Sentence, earlier: ExtractedFigure[]): UnitReading => {
  if (reading.rateOf || !/\brate\b/i.test(sentence.text) || !['troops', 'people', 'count'].includes(reading.unit)) return reading;
  const previous = earlier[earlier.length - 1];
  if (!previous?.rateOf || sentence.start - previous.offset > 400) return reading;
  return { ...reading, unit: previous.unit, rateOf: reading.unit };
};

/** "Rbs3mn ($31,000)", "1,000 sq km (386 sq miles)", "2m roubles (£16,000; $20,700)": the same amount restated in another unit. */
export const isConversion = (text: string, prev: Reading, cur: Reading, prevIsConversion = false): boolean => {
  const between = text.slice(Math.max(prev.m.end, prev.unit.nounEnd), cur.m.start);
  const opens = /^\s*(?:\(\s*|,?\s*or\s+)(?:about|around|approximately|roughly|some|nearly|almost|c\.|~)?\s*$/i.test(between);
  if (!opens && !(prevIsConversion && /^\s*[;,/]\s*$/.test(between))) return false;
  const a = prev.unit.rateOf ?? prev.unit.unit;
  const b = cur.unit.rateOf ?? cur.unit.unit;
  const same = (set: Set<Unit>): boolean => set.has(a) && set.has(b);
  return a !== b && (same(MONEY) || same(LENGTH) || same(AREA));
};

const TITLE_MAX_CHARS = 1000;

/** A headline, standfirst or caption: a short paragraph that does not end like a sentence. */
export const isTitleLike = (text: string, paragraph: Span): boolean => {
  // More than 25 words cannot fit in a few hundred characters' worth: skip splitting a long paragraph (linear on run-on text).
  if (paragraph.end - paragraph.start > TITLE_MAX_CHARS) return false;
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
