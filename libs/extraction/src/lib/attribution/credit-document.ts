import type { SourceBasis } from '../types';
import type { Paragraph, Sentence } from '../text/segment-text';
import type { Quotation } from '../text/quotations';
import type { Attribution } from './find-attributions';

export interface CreditDocument {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Per sentence. */
  attributions: Attribution[][];
  /** Per paragraph. */
  quotes: Quotation[][];
}

export interface Credit {
  /** The attribution as written, or undefined for the article's own voice. */
  raw?: string;
  /** Set when the figure is a list item credited through the sentence that introduced the list. */
  leadIn?: Sentence;
  /** How the credit was found (see SourceBasis) and, for coreference, the words that led to `raw` ("it", "the agency"). */
  basis: SourceBasis;
  chain?: string[];
  /** A listicle item's heading figure: the sentence after it that explains and credits it (its date holds too). */
  explainedBy?: Sentence;
  /** "He added that ...": the attribution in the sentence before that the pronoun goes on from. */
  carriedFrom?: { sentence: Sentence; anchor: number };
}
