import type { Paragraph, Sentence } from '../text/segment-text';
import { toIso } from './calendar';
import { within, type AsOf, type DateIndex } from './find-as-of';
import { resolveDate } from './resolve-date';

// A period that is not a month (a season, a fiscal year, a span of years): in its own file, read with the rules here.
export { findStoryPeriod, underStoryPeriod } from './story-period';

/** How many paragraphs from the first paragraph of prose count as the lead (header lines, bylines and datelines do not). */
const LEAD_SPAN = 2;
const PROSE_WORDS = 8;

/** The index of the first paragraph past the lead: a story's reference period is set in its first paragraphs of prose. */
export const leadEnd = (text: string, paragraphs: Paragraph[]): number => {
  const first = paragraphs.findIndex((p) => {
    const body = text.slice(p.start, p.end).trim();
    return /[.!?]["”’)]?$/.test(body) && body.split(/\s+/).length >= PROSE_WORDS;
  });
  return first < 0 ? 0 : first + LEAD_SPAN;
};

/**
 * Whether `asOf` is the end of a period its sentence names ("in the 12 months to 30 June", "the quarter ended Nov. 1"):
 * a results story's reference period, which its later undated figures cover.
 */
export const endsNamedPeriod = (index: DateIndex, sentence: Sentence, asOf: AsOf): boolean =>
  asOf.as_of !== null &&
  within(index.mentions, sentence).some((m) => {
    if (!m.periodEnd) return false;
    const resolved = resolveDate(m, index.published);
    return resolved !== null && toIso(resolved.date) === asOf.as_of;
  });

// "shares were up 7.4% at 1012 GMT": a clock time marks the day of the reporting, not the period reported on.
export const CLOCK_TIME = /\bat\s+\d{1,2}[:.]?\d{2}\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|[ap]\.?m\.?)(?![\w])/i;

// "grew 2.1% in the quarter", "had €410m in cash at the end of the period": the story's period named again by a definite noun.
export const PERIOD_ANAPHOR =
  /\b(?:in|for|during|over|across|(?:at|by)\s+the\s+(?:end|close)\s+of)\s+the\s+(?:quarter|period|half|half-year|financial\s+year|fiscal\s+year|reporting\s+period)\b/i;
