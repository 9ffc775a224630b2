import type { NumberMention } from '../numbers/scan-numbers';
import { rowLabel, type Span } from '../text/segment-text';
import type { RateUnit, Unit } from '../types';
import { MODIFIERS, NOT_NOUNS, NOUN_LEXICON, type NounEntry } from './noun-lexicon';

export interface UnitReading {
  unit: Unit;
  rateOf?: Unit;
  noun: string;
  /** End of the noun in the text (or of the number when there is none). */
  nounEnd: number;
  /** lexicon: a known quantity noun; generic: some other plural noun; inferred: a noun elsewhere in the clause; none. */
  evidence: 'lexicon' | 'generic' | 'inferred' | 'none';
  /** Value after unit-specific rescaling ("50m" read as metres, kg as tonnes). */
  value: number;
  high?: number;
  /** Who credited the figure a bare number refers back to ("28 others"), for when it is credited to nobody itself. */
  refersTo?: { source: string; sourceText?: string };
}

const ATTACHED: Record<string, [Unit, number]> = {
  km: ['km', 1],
  kms: ['km', 1],
  km2: ['km2', 1],
  'km²': ['km2', 1],
  sqkm: ['km2', 1],
  m: ['m', 1],
  mi: ['miles', 1],
  kg: ['tonnes', 0.001],
  t: ['tonnes', 1],
  ha: ['hectares', 1],
  mph: ['mph', 1],
  kph: ['kmh', 1],
  kmh: ['kmh', 1],
  C: ['celsius', 1],
  F: ['fahrenheit', 1],
};
// "41°C", "10 degrees Celsius": a temperature written out after the number.
const DEGREES = /^\s?(?:°\s?|degrees?\s+)(?:(?<c>C|Celsius|centigrade)|(?<f>F|Fahrenheit))\b/;

const CASUALTY = /\b(?:killed|wounded|injured|casualt\w*|dead|died|deaths?|losses|lost|los(?:e|es|ing)|kia|wia)\b/i;
const MILITARY =
  /\b(?:troops?|soldiers?|army|military|forces|deploy\w*|fight\w*|front\w*|battle\w*|combat|war|units?|brigades?|trenches|infantry)\b/i;
const RATE_AFTER =
  /^[^.;]*?(?:(?<!\b(?:in|for|than|over|past|last|within|of|next|first|one)\s)\b(?:per|a|an|each|every)\s+(?<p1>day|week|month|year)\b(?!\s+(?:earlier|later|before|after|ago|on)\b)|\b(?<p2>daily|weekly|monthly|annually|yearly)\b|\b(?:in|over|during)\s+(?:the\s+)?(?:previous|past|last)\s+(?<p3>24\s+hours|day|week|month|year)\b|\b(?:in|on)\s+a\s+single\s+(?<p4>day|week|month)\b)/i;
const RATE_BEFORE = /\b(?<p>daily|weekly|monthly|annual|yearly)\s+(?:average|rate|toll|losses|casualt\w*|tally|figure|count|total)\b[^.;]*$/i;
const PERIOD: Record<string, RateUnit> = {
  day: 'per_day',
  daily: 'per_day',
  week: 'per_week',
  weekly: 'per_week',
  month: 'per_month',
  monthly: 'per_month',
  year: 'per_year',
  annually: 'per_year',
  annual: 'per_year',
  yearly: 'per_year',
};

/** Reads the unit and quantity noun of a number from the words around it within its clause. */
export const findUnit = (text: string, m: NumberMention, clause: Span, nextStart: number): UnitReading => {
  const limit = Math.min(clause.end, nextStart);
  const base = baseUnit(text, m, clause, limit);
  const rate = findRate(text, m, base.nounEnd, clause, limit);
  if (rate && base.unit !== 'percent' && !isDuration(base.unit)) return { ...base, unit: rate, rateOf: base.unit };
  return base;
};

const baseUnit = (text: string, m: NumberMention, clause: Span, limit: number): UnitReading => {
  const plain = { value: m.value, ...(m.high !== undefined ? { high: m.high } : {}) };
  if (m.attached && ATTACHED[m.attached]) {
    const [unit, factor] = ATTACHED[m.attached] as [Unit, number];
    return { unit, noun: m.attached, nounEnd: m.end, evidence: 'lexicon', ...scale(plain, factor) };
  }
  if (m.compound && /^(?:strong|man|men|member|person|soldier|troop)$/i.test(m.compound)) {
    const from = m.end + m.compound.length + 1;
    // "a 10,000-strong contingent": the noun is whatever the compound describes.
    const next = /^\s+([a-z]+)/.exec(text.slice(from, limit));
    const noun = next?.[1] && !NOT_NOUNS.has(next[1]) ? next[1] : m.compound;
    return { unit: 'troops', noun, nounEnd: noun === m.compound ? from : from + (next?.[0].length ?? 0), evidence: 'lexicon', ...plain };
  }
  const degrees = DEGREES.exec(text.slice(m.end, limit));
  if (degrees)
    return {
      unit: degrees.groups?.['c'] ? 'celsius' : 'fahrenheit',
      noun: degrees[0].trim(),
      nounEnd: m.end + degrees[0].length,
      evidence: 'lexicon',
      ...plain,
    };
  const found = nounAfter(text, m.compound ? m.end + 1 : m.end, limit, m.kind === 'vague');
  if (m.fraction) return { unit: 'percent', noun: m.text, nounEnd: m.end, evidence: 'lexicon', ...plain };
  if (/^\s?%/.test(text.slice(m.end)))
    return { unit: 'percent', noun: '%', nounEnd: m.end + text.slice(m.end).indexOf('%') + 1, evidence: 'lexicon', ...plain };
  if (m.currency) {
    return {
      unit: m.currency,
      noun: found?.entry?.unit === m.currency ? found.noun : '',
      nounEnd: found?.entry ? found.end : m.end,
      evidence: 'lexicon',
      ...plain,
    };
  }
  if (m.shortScale === 'm' && (!found || found.entry?.unit === 'm' || found.entry?.unit === 'km')) {
    // "50m" without a counted noun or a currency word is metres, not millions ("2m roubles" is millions).
    return { unit: 'm', noun: 'm', nounEnd: m.end, evidence: 'lexicon', ...scale(plain, 1e-6) };
  }
  if (found?.entry) {
    return { unit: refine(text, found.entry, m, clause), noun: found.noun, nounEnd: found.end, evidence: 'lexicon', ...plain };
  }
  if (found) return { unit: 'count', noun: found.noun, nounEnd: found.end, evidence: 'generic', ...plain };
  // "ammonia at 2.4 mg/l", "a peak of 41 µg/m³", "1.2 GWh": a unit of measure written as its symbol names the quantity.
  const symbol = MEASURE_SYMBOL.exec(text.slice(m.end, limit));
  if (symbol?.[1]) return { unit: 'count', noun: symbol[1], nounEnd: m.end + symbol[0].length, evidence: 'generic', ...plain };
  const back = nounBefore(text, m, clause);
  if (back) return { unit: refine(text, back.entry, m, clause), noun: back.noun, nounEnd: m.end, evidence: 'lexicon', ...plain };
  // "MLRS – 1,253": the row's label names what is counted.
  const label = rowLabel(text.slice(text.lastIndexOf('\n', m.start - 1) + 1, m.start));
  if (label) return { unit: 'count', noun: label, nounEnd: m.end, evidence: 'generic', ...plain };
  const inferred = nounInClause(text, clause);
  if (inferred) return { unit: refine(text, inferred.entry, m, clause), noun: inferred.noun, nounEnd: m.end, evidence: 'inferred', ...plain };
  return { unit: 'count', noun: '', nounEnd: m.end, evidence: 'none', ...plain };
};

const MEASURE_SYMBOL =
  /^\s?((?:mg|µg|ug|ng|g|mmol|cfu)\/(?:l|dl|ml|m3|m³|kg|km|100\s?ml)|ppm|ppb|mm|cm|ml|mg|kg|[kMGT]Wh|[kMG]W|dB|Ml\/d|l\/p\/d|m3\/s|m³\/s|m³|m3|l\/s|mSv|μSv|µSv)(?![\w/])/;

const scale = (v: { value: number; high?: number }, factor: number): { value: number; high?: number } => ({
  value: round(v.value * factor),
  ...(v.high !== undefined ? { high: round(v.high * factor) } : {}),
});

const round = (n: number): number => Number(n.toPrecision(12));

/** Personnel counted as killed or wounded are casualties (people); demonyms in war context are troops. */
const refine = (text: string, entry: NounEntry, m: NumberMention, clause: Span): Unit => {
  const near = text.slice(Math.max(clause.start, m.start - 40), Math.min(clause.end, m.end + 80));
  if (entry.demonym) return MILITARY.test(text.slice(clause.start, clause.end)) ? (CASUALTY.test(near) ? 'people' : 'troops') : 'people';
  if (entry.personnel && CASUALTY.test(near)) return 'people';
  return entry.unit;
};

interface NounHit {
  noun: string;
  end: number;
  entry?: NounEntry;
}

const WORD = /[A-Za-z][A-Za-z'’-]*|\S/y;

/** How many unknown singular words may stand as noun adjuncts before a known noun ("attack drones", "launch rocket systems"). */
const MAX_ADJUNCTS = 2;
// Model names and dotted abbreviations are modifiers: "two Su-34 jets", "100 KN-23 missiles", "2,000 U.S. dollars".
const MODEL_OR_ABBREVIATION = /(?:[A-Z][A-Za-z]{0,3}-\d+[A-Za-z]*|(?:[A-Z]\.){2,})(?![\w-])/y;

/**
 * The quantity noun after a number, skipping modifiers ("North Korean", "active"), noun adjuncts
 * ("attack and decoy drones"), "of the" and a count it is part of ("66 of 96 drones"). A known
 * noun wins; else the first other plural noun, if any.
 */
const nounAfter = (text: string, from: number, limit: number, vague: boolean): NounHit | undefined => {
  let pos = from;
  let ofAllowed = true;
  let adjuncts = 0;
  let fallback: NounHit | undefined;
  for (let steps = 0; steps < 8 && pos < limit; steps++) {
    while (pos < limit && /\s/.test(text[pos] ?? '')) pos++;
    if (pos >= limit) return fallback;
    const entry = lexiconAt(text, pos, limit);
    if (entry) return entry;
    MODEL_OR_ABBREVIATION.lastIndex = pos;
    const model = MODEL_OR_ABBREVIATION.exec(text);
    if (model && pos + model[0].length <= limit) {
      pos += model[0].length;
      continue;
    }
    WORD.lastIndex = pos;
    const word = WORD.exec(text)?.[0] ?? '';
    const lower = word.toLowerCase();
    if (!/^[A-Za-z]/.test(word)) return fallback;
    if (lower === 'of' && ofAllowed) {
      // "millions of rounds", "8,000 of the troops", "66 of 96 drones"
      ofAllowed = vague;
      pos += word.length;
      const det = /^\s+(?:the|those|these|its|their|them|\d[\d,.]*)(?![\w,])/i.exec(text.slice(pos, limit));
      if (det) pos += det[0].length;
      continue;
    }
    // "attack and decoy drones": a conjunction between modifiers.
    if ((lower === 'and' || lower === 'or') && steps > 0 && !fallback) {
      pos += word.length;
      continue;
    }
    if (MODIFIERS.has(lower) || (/^[A-Z]/.test(word) && !NOT_NOUNS.has(lower))) {
      pos += word.length;
      continue;
    }
    // Hyphenated compounds are adjectives here ("active-duty troops"), unless nothing follows them ("Su-34 fighter-bombers").
    if (/^[a-z]+-[a-z]+$/.test(lower)) {
      if (!fallback && /s$/.test(lower)) fallback = { noun: word, end: pos + word.length };
      pos += word.length;
      continue;
    }
    if (NOT_NOUNS.has(lower) || /(?:ed|ing|ly)$/.test(lower) || lower.length < 3) return fallback;
    if (!/s$/.test(lower) || lower.length < 4) {
      if (++adjuncts > MAX_ADJUNCTS) return fallback;
      pos += word.length;
      continue;
    }
    return fallback ?? { noun: word, end: pos + word.length };
  }
  return fallback;
};

const lexiconAt = (text: string, pos: number, limit: number): NounHit | undefined => {
  for (const entry of NOUN_LEXICON) {
    entry.re.lastIndex = pos;
    const m = entry.re.exec(text);
    if (m && pos + m[0].length <= limit) return { noun: m[0], end: pos + m[0].length, entry };
  }
  return undefined;
};

/** "most of those soldiers - about 8,000", "the number of troops ... is 11,000". */
const nounBefore = (text: string, m: NumberMention, clause: Span): Required<NounHit> | undefined => {
  const before = text.slice(Math.max(clause.start, m.start - 70), m.start);
  const words = [...before.matchAll(/[A-Za-z][A-Za-z'’-]*/g)].reverse().slice(0, 7);
  for (const w of words) {
    const at = Math.max(clause.start, m.start - 70) + (w.index ?? 0);
    const hit = lexiconAt(text, at, m.start);
    if (hit?.entry && (hit.entry.unit === 'troops' || hit.entry.unit === 'people' || hit.entry.unit === 'count')) return hit as Required<NounHit>;
  }
  return undefined;
};

/** A personnel noun anywhere in the clause: "North Korea has sent 10,000 to Russia, its troops ..." */
const nounInClause = (text: string, clause: Span): Required<NounHit> | undefined => {
  const body = text.slice(clause.start, clause.end);
  for (const w of body.matchAll(/[A-Za-z][A-Za-z'’-]*/g)) {
    const hit = lexiconAt(text, clause.start + (w.index ?? 0), clause.end);
    if (hit?.entry && (hit.entry.unit === 'troops' || hit.entry.unit === 'people')) return hit as Required<NounHit>;
  }
  return undefined;
};

const findRate = (text: string, m: NumberMention, nounEnd: number, clause: Span, limit: number): RateUnit | undefined => {
  const after = RATE_AFTER.exec(text.slice(Math.max(m.end, nounEnd), Math.min(limit, nounEnd + 60)));
  const word = after?.groups?.['p1'] ?? after?.groups?.['p2'] ?? after?.groups?.['p4'] ?? after?.groups?.['p3']?.replace(/24\s+hours/, 'day');
  if (word) return PERIOD[word.toLowerCase()];
  const before = RATE_BEFORE.exec(text.slice(clause.start, m.start));
  const p = before?.groups?.['p'];
  if (p) return PERIOD[p.toLowerCase()];
  // "30,000 daily casualties": the rate word sits between number and noun.
  const between = /\b(daily|weekly|monthly|annual|yearly)\b/i.exec(text.slice(m.end, nounEnd));
  return between?.[1] ? PERIOD[between[1].toLowerCase()] : undefined;
};

const isDuration = (unit: Unit): boolean => ['years', 'months', 'weeks', 'days', 'hours'].includes(unit);
