import type { NumberMention } from './scan-numbers';

/**
 * How long something lasted or the window a figure is counted in, not a quantity the story reports: "for 15 years",
 * "81% arrived within 15 minutes", "after 34 years", "have waited three years", "waits of more than 12 hours".
 */
// "was jailed for 32 months", "sentenced Cardle to 10 months in prison", "banned from driving for 18 months": a court's
// sentence is a figure the story reports, not how long something lasted.
const SENTENCED =
  /\b(?:jailed|imprisoned|detained|sentenced\s+(?:[A-Z][\w'’-]*\s+)?to|banned\s+(?:from\s+\w+\s+)?|disqualified\s+(?:from\s+\w+\s+)?|suspended|received|given)\s+(?:for\s+)?(?:(?:a|an|up\s+to|at\s+least)\s+)?$/i;

export const durationReason = (m: NumberMention, text: string, before: string, after: string): string | undefined => {
  if (SENTENCED.test(before) && /^\s+(?:years?|months?|weeks?)\b/i.test(after)) return undefined;
  // "had monitored sanctions for 15 years", "5 min read": how long, not how many; "81% arrived within 15 minutes", "after
  // 34 years": the window another figure of the clause is measured in ("shut within 40 minutes" alone is the figure).
  const windowOfFigure = /\d(?:(?!\b(?:that|and)\b)[^.;:!?])*\bwithin\s+(?:(?:about|nearly|almost|some|around)\s+)?$/i.test(
    text.slice(Math.max(0, m.start - 80), m.start),
  );
  if (
    (windowOfFigure ||
      /\b(?:for|in)\s+(?:the\s+(?:best|better)\s+part\s+of\s+|(?:a\s+little|just|only|barely|well)\s+)?(?:(?:more\s+than|less\s+than|about|nearly|almost|over|under|some|around)\s+)?$|\bafter\s+(?:(?:more\s+than|nearly|almost|some|about)\s+)?$/i.test(
        before,
      )) &&
    /^\s+(?:years?|months?|weeks?|days?|nights?|hours?|minutes?|decades?)\b/i.test(after)
  )
    return 'duration';
  // "have waited three years", "the trial lasted 12 weeks": how long something took, not a count.
  if (
    /\b(?:waited|waiting|lasted|lasting|spent|spending|took)\s+(?:(?:more\s+than|about|nearly|almost|over|some|around)\s+)?$/i.test(before) &&
    /^\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b/i.test(after)
  )
    return 'duration';
  // "waits of more than 12 hours", "handovers that took longer than 60 minutes": the threshold that defines what is counted.
  if (
    /\b(?:waited|waiting|waits?\s+of|lasted|lasting|took)\s+(?:more|less|longer|shorter)\s+than\s+$/i.test(before) &&
    /^\s+(?:weeks?|days?|hours?|minutes?)\b/i.test(after)
  )
    return 'threshold';
  return undefined;
};
