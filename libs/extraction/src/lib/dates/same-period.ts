import type { Paragraph } from '../text/segment-text';
import type { ExtractedFigure } from '../types';

// "Starts rose to 38,420 in Q3 2026 from 36,250 in the same quarter of 2025", "In the same period of 2025 the landings
// was 41 908", "up from 1,210 in the same month last year": the period the text is about, a year (or more) back. Its
// year alone dates it by 1 January; the period it repeats gives the month.
const SAME_PERIOD =
  /\bsame\s+(?:quarter|period|month|months|week|weekend|season|fortnight|half|stretch)\s+(?:of\s+|in\s+)?(?:(?:the\s+)?(?:previous|prior|last)\s+year|a\s+year\s+(?:earlier|before|ago)|the\s+year\s+before|(?:of\s+)?((?:19|20)\d{2}))\b/gi;
/** How many paragraphs back the period repeated may have been stated. */
const REACH_PARAGRAPHS = 2;
/** How many figures back it may have been stated (a run-on text has one paragraph). */
const REACH_FIGURES = 12;

const yearIn = (iso: string | null): number | undefined => (iso ? Number(iso.slice(0, 4)) : undefined);

/** Gives each year-dated figure of a "same period of YEAR" sentence the month of the period stated before it. */
export const dateSamePeriods = (figures: ExtractedFigure[], paragraphs: Paragraph[]): void => {
  let p = 0;
  const paragraphOf = figures.map((f) => {
    while (p < paragraphs.length - 1 && (paragraphs[p] as Paragraph).end <= f.offset) p++;
    return p;
  });
  figures.forEach((f, i) => {
    if (f.datePrecision !== 'year') return;
    // (Read in the figure's own quote, its clause or sentence: a run-on text's one paragraph is not searched per figure.)
    const year = yearIn(f.as_of);
    const said = [...f.quote.matchAll(SAME_PERIOD)].some((m) => (m[1] ? Number(m[1]) === year : true));
    if (!said) return;
    // The period repeated: the latest figure before it, in its paragraph or just above, dated to a month in another year.
    for (let j = i - 1; j >= Math.max(0, i - REACH_FIGURES) && (paragraphOf[i] as number) - (paragraphOf[j] as number) <= REACH_PARAGRAPHS; j--) {
      const before = figures[j] as ExtractedFigure;
      if (!before.as_of || (before.datePrecision !== 'month' && before.datePrecision !== 'day') || yearIn(before.as_of) === year) continue;
      figures[i] = { ...f, as_of: `${year}-${before.as_of.slice(5, 7)}-01`, datePrecision: 'month' };
      return;
    }
  });
};
