import type { ExtractedFigure } from '../types';
import type { AsOf } from './find-as-of';

// "would be", "could reach", "is projected to": a clause that states a forecast; "We've now lowered that to 1.2%": one that revises it.
const FORECAST_CLAUSE =
  /\b(?:would|could|will|might)\s+(?:be|reach|rise|fall|lose|gain|grow|drop|climb|top|exceed|hit)\b|\b(?:projected|forecast|expected)\s+to\b|\b(?:lowered|raised|revised|cut|trimmed|upgraded|downgraded)\s+(?:that|it|this)\s+to\b/i;

const FORECAST_ANAPHOR = /\bthe\s+(?:forecast|projections?|outlook)\b/i;

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
  if (!published || !FORECAST_CLAUSE.test(clause)) return undefined;
  // "the forecast assumed that two would be deployed": a clause naming the forecast goes on with the last target stated before it.
  const named = FORECAST_ANAPHOR.test(clause)
    ? figures.findLast((f) => f.as_of && f.as_of > published && f.dateBasis !== 'published' && f.datePrecision === 'year')
    : undefined;
  if (!named && (!previous || previous.paragraph !== paragraph)) return undefined;
  const last = named ?? figures.findLast((f) => previous !== undefined && f.offset >= previous.start && f.offset < previous.end);
  return last?.as_of && last.as_of > published && last.dateBasis !== 'published'
    ? { as_of: last.as_of, datePrecision: last.datePrecision, dateBasis: 'carried' }
    : undefined;
};
