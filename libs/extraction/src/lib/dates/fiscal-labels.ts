import type { Span } from '../text/segment-text';
import type { AsOf } from './find-as-of';
import type { StoryPeriod } from './story-period';

// "FY27", "FY2027": a fiscal year told by the year it ends in (a results filing's shorthand).
const LABEL = /\bFY[ ']?(\d{4}|\d{2})\b/g;
/** `ownPeriod`: shown by the document's own period, whose year "the year" then means. */
export interface FiscalClose {
  m: number;
  d?: number;
  ownPeriod?: boolean;
}
const labelYear = (digits: string): number => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

/**
 * The day a fiscal year closes, when the text shows it: a budget's fiscal year (the story's period), or a document whose
 * own period ends a year it names ("the three months to 30 June 2026" above "FY26 copper production of 78,900 tonnes").
 */
export const fiscalClose = (text: string, period: AsOf | undefined, story: StoryPeriod | undefined): FiscalClose | undefined => {
  if (story?.close) return story.close;
  if (period?.datePrecision !== 'day' || !period.as_of) return undefined;
  const [y, m, d] = period.as_of.split('-').map(Number) as [number, number, number];
  return [...text.matchAll(LABEL)].some((l) => labelYear(l[1] ?? '') === y) ? { m, d, ownPeriod: true } : undefined;
};

/**
 * "revised its FY27 guidance to between 82,000 and 88,000 tonnes, from the 85,000 to 90,000 it flagged in February",
 * "a broker this month forecast FY27 output of 80,500": a fiscal year named in the figure's clause is what the figure
 * covers, over the day it was given; the nearest label before the figure, else the first after it. Without a known close,
 * the year it ends in.
 */
export const fiscalLabel = (text: string, clause: Span, at: number, close: FiscalClose | undefined, asOf: AsOf): AsOf | undefined => {
  if (asOf.datePrecision === 'day' && asOf.dateBasis !== 'published' && asOf.dateBasis !== 'carried') return undefined;
  const labels = [...text.slice(clause.start, clause.end).matchAll(LABEL)];
  const label = labels.filter((l) => clause.start + (l.index ?? 0) < at).pop() ?? labels[0];
  // "we finished the year with …": once the text shows when its year closes, a year told relatively is that fiscal year.
  const relativeYear = asOf.dateBasis === 'relative' && asOf.datePrecision === 'year' && close?.ownPeriod === true;
  if (!label && !relativeYear) return undefined;
  const y = label ? labelYear(label[1] ?? '') : Number(asOf.as_of?.slice(0, 4));
  if (!close) return { as_of: `${y}-01-01`, datePrecision: 'year', dateBasis: 'explicit' };
  const d = close.d ?? new Date(Date.UTC(y, close.m, 0)).getUTCDate();
  return { as_of: `${y}-${String(close.m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, datePrecision: 'day', dateBasis: 'explicit' };
};
