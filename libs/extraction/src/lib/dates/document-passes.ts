import type { Paragraph } from '../text/segment-text';
import type { ExtractedFigure } from '../types';
import { carryEventDays } from './event-day';
import type { DateIndex } from './find-as-of';
import { dateSamePeriods } from './same-period';
import { dateByStory } from './story-date';

/** The passes over a document's figures, once each has its own date, that date some by the figures around them. */
export const dateByNeighbours = (
  figures: ExtractedFigure[],
  text: string,
  paragraphs: Paragraph[],
  dates: DateIndex,
  published: string | undefined,
): void => {
  carryEventDays(figures, text, paragraphs, dates, published);
  dateSamePeriods(figures, paragraphs);
  dateByStory(figures);
};
