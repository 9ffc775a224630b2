import type { ExtractedFigure } from '../types';
import type { AsOf } from './find-as-of';

// "340 of those days", "a third of these farms": a part of a figure just given, named by the same noun.
const PARTITIVE = /^\s*(?:[a-z]+\s+)?of\s+(?:those|these|the)\s+([a-z]{3,})/i;

/**
 * "had missed 1,126 days between 2019 and 2022. On 340 of those days ...": a part holds when the whole it is part of holds,
 * the last dated figure of the same noun since the sentence before.
 */
export const wholeOf = (figures: ExtractedFigure[], after: string, since: number): AsOf | undefined => {
  const noun = PARTITIVE.exec(after)?.[1]?.toLowerCase();
  if (!noun) return undefined;
  const whole = figures.findLast((f) => f.offset >= since && (f.noun ?? '').toLowerCase().includes(noun.slice(0, 4)));
  return whole && whole.dateBasis !== null && whole.dateBasis !== 'published' && !whole.dateBasis.startsWith('published@')
    ? { as_of: whole.as_of, datePrecision: whole.datePrecision, dateBasis: 'carried' }
    : undefined;
};

// "That is equivalent to 82% of revenue", "This was 3% of the total": a figure restating the one before in other terms.
const RESTATES = /^(?:That|This|It)\s+(?:is|was|represents|represented|amounts?\s+to|amounted\s+to|equals?|equalled|equaled)\b/;

/** A restating sentence's figure holds when the last figure of the sentence before holds, if that one was dated. */
export const restated = (
  figures: ExtractedFigure[],
  sentence: string,
  previous: { start: number; end: number; paragraph: number } | undefined,
  paragraph: number,
): AsOf | undefined => {
  if (!RESTATES.test(sentence) || previous?.paragraph !== paragraph) return undefined;
  const last = figures.findLast((f) => f.offset >= previous.start && f.offset < previous.end);
  return last && last.dateBasis !== null && last.dateBasis !== 'published' && !last.dateBasis.startsWith('published@')
    ? { as_of: last.as_of, datePrecision: last.datePrecision, dateBasis: 'carried' }
    : undefined;
};
