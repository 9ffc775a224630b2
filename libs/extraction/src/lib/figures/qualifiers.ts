import type { NumberMention } from '../numbers/scan-numbers';
import type { Qualifier } from '../types';

export interface QualifierReading {
  qualifier: Qualifier;
  /** Start of the qualifier phrase, so numberText can include it ("up to 1,500"). */
  start: number;
  /** End of a trailing qualifier ("10,000 or more"). */
  end: number;
}

// Filler that may sit between a qualifier and the number: "more than an estimated 600,000", "up to some $2bn".
const FILLER = String.raw`(?:\s+(?:an?\s+estimated|estimated|a\s+total\s+of|a\s+further|a\s+record|some|about|around|roughly|approximately|the|just|another|an\s+additional|additional))*`;

// Forecast and limit verbs: "could rise to 300", "may reach £350m", "is expected to climb to 2,000".
const FORECAST = String.raw`(?:could|may|might|expected\s+to|likely\s+to|set\s+to|projected\s+to|forecast\s+to|predicted\s+to)\s+(?:\w+\s+)?(?:rise|climb|increase|grow|reach|hit|swell|soar|go\s+up)(?:\s+to)?`;

// Longer phrases first: "no more than" must win over "more than".
const BEFORE: [string, Qualifier][] = [
  [
    String.raw`${FORECAST}|no\s+more\s+than|not\s+more\s+than|no\s+greater\s+than|not\s+exceeding|at\s+(?:the\s+)?most|a\s+maximum\s+of|maximum\s+of|as\s+many\s+as|as\s+high\s+as|as\s+much\s+as|up\s+to|within|less\s+than|fewer\s+than|(?:shorter|smaller|lower|cheaper|lighter|narrower|thinner)\s+than|under|below|a\s+high\s+of`,
    'up_to',
  ],
  [
    // "costs from €1,899", "fares starting at £29": a price list's lowest price.
    String.raw`no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|not\s+fewer\s+than|at\s+(?:the\s+)?(?:very\s+)?least|a\s+minimum\s+of|minimum\s+of|as\s+few\s+as|as\s+low\s+as|as\s+little\s+as|a\s+low\s+of|(?<=\b(?:costs?|costing|priced|sells|selling|retails|retailing|available)\s)from|(?<=\b(?:starting|starts?)\s)(?:from|at)`,
    'at_least',
  ],
  [
    // ("Admissions top 3,000", "Evacuations pass 6,000": a headline's plural subject and its verb.)
    String.raw`(?<=\bto\s)(?:top|exceed|surpass|pass)|(?<=\b(?!(?:its|his|this|was|has|is|as|us|yes|does|plus)\s)[A-Za-z]{3,}s\s)(?:top|exceed|surpass|pass)|just\s+over|more\s+than|greater\s+than|(?:longer|larger|bigger|taller|heavier|wider|deeper)\s+than|in\s+excess\s+of|upwards\s+of|upward\s+of|exceeding|over|above|beyond|north\s+of|well\s+over|(?<=\b(?:has|have|had|was|were|is|are|now|already|just|it|they|total|toll|tally|number|figure|losses|deaths|cases|casualties|sales|costs|damages)\s)(?:passed|surpassed|exceeded|topped|crossed|tops?|exceeds?|surpass(?:es)?|pass(?:es)?)`,
    'more_than',
  ],
  [
    String.raw`just\s+under|just\s+shy\s+of|about|around|near|nearing|roughly|approximately|approx\.?|nearly|almost|close\s+to|closer\s+to|nearer(?:\s+to)?|some|an\s+estimated|estimated\s+at|(?:(?<=\b(?:the|some|with|of|to|at|and|by|for|are|is|were|was|be|been)\s)|(?<=^\s*)|(?<=,\s))estimated|circa|c\.|in\s+the\s+region\s+of|on\s+the\s+order\s+of|something\s+like|of\s+the\s+order\s+of|an\s+approximate|approaching|maybe|perhaps|possibly|~`,
    'approximately',
  ],
];

const BEFORE_RE = BEFORE.map(([src, q]) => [new RegExp(String.raw`(?:^|[^\w])(${src})${FILLER}\s*$`, 'i'), q] as const);

const AFTER: [RegExp, Qualifier][] = [
  [/^(?:\s+\w+){0,2}?\s+or\s+(?:more|above|higher|greater)\b|^\s*\+|^-?plus\b|^\s+at\s+least\b/i, 'at_least'],
  [/^\s+or\s+so\b|^\s+or\s+thereabouts\b|^\s+odd\b/i, 'approximately'],
  [/^(?:\s+\w+){0,2}?\s+or\s+(?:less|fewer|below)\b|^\s+at\s+(?:the\s+)?most\b|^\s+at\s+maximum\b/i, 'up_to'],
];

/** The qualifier of a number from the words right before (or right after) it. */
export const findQualifier = (text: string, m: NumberMention, clauseStart: number): QualifierReading => {
  if (m.kind === 'range') return { qualifier: 'range', start: rangeStart(text, m, clauseStart), end: m.end };
  const before = text.slice(Math.max(clauseStart, m.start - 60), m.start);
  let best: QualifierReading | undefined;
  // The longest phrase wins: "no fewer than" over "fewer than", "just over" over "over".
  for (const [re, qualifier] of BEFORE_RE) {
    const hit = re.exec(before);
    if (!hit?.[1]) continue;
    if (qualifier === 'up_to' && /^(?:under|below|within)$/i.test(hit[1]) && !plausibleBound(text, m)) continue;
    if (
      qualifier === 'up_to' &&
      /^(?:under|below|within)$/i.test(hit[1]) &&
      isThreshold(text, before.slice(0, hit.index + hit[0].indexOf(hit[1])), m)
    )
      continue;
    // "slightly less than the 1,000 it seized in October": a comparison with a known figure, not a bound on it.
    // "far more than the roughly 700 counted by the ministry": the comparison's own figure keeps its own qualifier.
    if (
      /\b(?:than|above|below|over|under)$/i.test(hit[1]) &&
      /\bthe\s*(?:(?:roughly|about|around|some|nearly|almost|approximately)\s+)?$/i.test(before)
    )
      continue;
    // "edged up to 4.2 per cent", "rose to": a movement to a level, not a bound.
    if (/^up\s+to$/i.test(hit[1]) && MOVED.test(before.slice(0, hit.index + hit[0].indexOf(hit[1])))) continue;
    if (/^(?:over|above|across)$/i.test(hit[1]) && PLACES_AFTER.test(text.slice(m.end, m.end + 30))) continue;
    const start = m.start - before.length + hit.index + hit[0].indexOf(hit[1]);
    if (!best || start < best.start)
      best = { qualifier: m.kind === 'vague' && qualifier === 'approximately' ? 'at_least' : qualifier, start, end: m.end };
  }
  // "is expected to rise to about 44.5 million": the forecast's own "about" says how exact it is, not a ceiling.
  if (best?.qualifier === 'up_to' && FORECAST_ABOUT.test(text.slice(best.start, m.start))) return { ...best, qualifier: 'approximately' };
  if (best) return best;
  const after = text.slice(m.end, m.end + 40);
  for (const [re, qualifier] of AFTER) {
    const hit = re.exec(after);
    if (hit) return { qualifier, start: m.start, end: m.end + hit[0].length };
  }
  return { qualifier: m.kind === 'vague' ? 'at_least' : 'exact', start: m.start, end: m.end };
};

const FORECAST_ABOUT = new RegExp(String.raw`^${FORECAST}\s+(?:about|around|roughly|approximately|some)\s*$`, 'i');

// "revised August's figure up to 246,200" too: a revision moves a figure.
const MOVED =
  /\b(?:rose|risen|edged|edging|ticked|crept|inched|climbed|jumped|shot|moved|went|gone|revised|picked|stepped|ramped|scaled|rounded|been)\s+$|\brevised\s+(?:[\w'’]+\s+){1,8}$/i;

// "shot down 56 drones over 14 regions": "over" a count of places is where, not how many.
const PLACES_AFTER = /^\s+(?:\w+\s+)?(?:regions|oblasts|provinces|districts|areas|cities|towns|villages|settlements|countries|territories)\b/i;

/** "under"/"within" bound a quantity, but "under 18" in "children under 18" is an age, so require a noun after. */
const plausibleBound = (text: string, m: NumberMention): boolean => !/^\s*(?:years?\s+old|-year-old)/i.test(text.slice(m.end, m.end + 20));

const MEASURE_AFTER = /^\s?(?:metres|meters|m|km|kilometres|kilometers|miles|feet|ft|seconds|minutes|hours|days)\b/i;
/**
 * "58% were seen within four hours", "glaciers below 3,000 metres": the number sets the line a percentage or a noun is
 * measured against, not a bound on a reported quantity. `lead` is the clause up to the qualifier word.
 */
const isThreshold = (text: string, lead: string, m: NumberMention): boolean =>
  MEASURE_AFTER.test(text.slice(m.end, m.end + 20)) &&
  (/\d\s?%|\bper\s?cent\b/i.test(lead) ||
    /\b(?!(?:remains|stays|sits|lies|falls|drops|comes|keeps|goes|runs|does|gets|takes|lasts|needs|requires|waits|means)\s)[a-z]{3,}s\s+$/.test(
      lead,
    ));

/** Includes "between"/"from" in the surface form of a range. */
const rangeStart = (text: string, m: NumberMention, clauseStart: number): number => {
  const before = text.slice(Math.max(clauseStart, m.start - 20), m.start);
  const hit = /\b(?:between|from)\s+$/i.exec(before);
  return hit ? m.start - before.length + hit.index : m.start;
};
