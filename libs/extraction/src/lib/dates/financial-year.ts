import { daysInMonth, toIso, type YMD } from './calendar';
import type { DateMention } from './date-mentions';
import type { AsOf } from './find-as-of';
import { FORECAST } from './mention-context';

const FY_END = /\b(?:financial|fiscal|business)\s+year\s+(?:ends|ended|closes|closed|runs\s+to|runs\s+until)\s+(?:on\s+|in\s+)?$/i;
const FULL_YEAR = /\b(?:full|whole)[- ]year\b/i;

/** "Its financial year ends on Jan. 31": the month and day a company's year closes on, when the story says. */
export const financialYearEnd = (text: string, mentions: DateMention[]): { m: number; d?: number } | undefined => {
  const end = mentions.find((x) => (x.kind === 'date' || x.kind === 'month') && FY_END.test(text.slice(Math.max(0, x.start - 60), x.start)));
  return end?.kind === 'date' ? { m: end.m, d: end.d } : end?.kind === 'month' ? { m: end.m } : undefined;
};

/**
 * "expects full-year operating profit of €340m" in a company whose year ends on 31 January: the end of the financial year
 * the forecast is for (the next close), or of the one just reported (the last close).
 */
export const fullYearEnd = (fy: { m: number; d?: number } | undefined, clause: string, published: YMD | undefined): AsOf | undefined => {
  if (!fy || !published || !FULL_YEAR.test(clause)) return undefined;
  const close = (y: number): YMD => ({ y, m: fy.m, d: fy.d ?? daysInMonth(y, fy.m) });
  const thisYear = toIso(close(published.y));
  const now = toIso(published);
  const y = FORECAST.test(clause) ? (thisYear >= now ? published.y : published.y + 1) : thisYear < now ? published.y : published.y - 1;
  return { as_of: toIso(close(y)), datePrecision: 'day', dateBasis: 'relative' };
};
