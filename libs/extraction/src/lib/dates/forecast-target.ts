import type { ExtractedFigure } from '../types';
import type { AsOf } from './find-as-of';

// "would be", "could reach", "is projected to": a clause that states a forecast.
const FORECAST_CLAUSE =
  /\b(?:would|could|will|might)\s+(?:be|reach|rise|fall|lose|gain|grow|drop|climb|top|exceed|hit)\b|\b(?:projected|forecast|expected)\s+to\b/i;

/**
 * "could lose up to 90% by 2100. Under a milder scenario the loss would be 60%": a forecast with no date of its own goes on
 * with the target date of the forecast in the sentence before it, in its paragraph (a target is after the publication).
 */
export const targetBefore = (
  figures: ExtractedFigure[],
  clause: string,
  previous: { start: number; end: number; paragraph: number } | undefined,
  paragraph: number,
  published: string | undefined,
): AsOf | undefined => {
  if (!published || !previous || previous.paragraph !== paragraph || !FORECAST_CLAUSE.test(clause)) return undefined;
  const last = figures.findLast((f) => f.offset >= previous.start && f.offset < previous.end);
  return last?.as_of && last.as_of > published && last.dateBasis !== 'published'
    ? { as_of: last.as_of, datePrecision: last.datePrecision, dateBasis: 'carried' }
    : undefined;
};
