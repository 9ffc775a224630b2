import type { Paragraph, Sentence, Span } from '../text/segment-text';
import { quotationAt, type Quotation } from '../text/quotations';
import { chooseAttribution } from './choose-attribution';
import { subjectOf, type Attribution } from './find-attributions';

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
}

const QUOTE_LOOKAHEAD = 6;
const LIST_ITEM = /^(?:[-*•–]|\d{1,2}[.)])\s/;

export const isListItem = (text: string, paragraph: Span): boolean => LIST_ITEM.test(text.slice(paragraph.start, paragraph.end));

/**
 * Who a figure is credited to, beyond its own sentence: pronouns ("it
 * said"), speech running over several sentences, and list items under a
 * lead-in. Walk the sentences in order, calling `credit` for each figure and
 * `finish` after each sentence.
 */
export const createCreditTracker = (doc: CreditDocument) => {
  let lastNamed: string | undefined;
  let paragraphSpeaker: string | undefined;
  let leadIn: Sentence | undefined;

  // "It said", "he added": whoever the previous sentence credited, else its subject, else the last source named.
  const antecedent = (sentence: Sentence): string | undefined => {
    const previous = doc.sentences[sentence.index - 1];
    if (!previous) return lastNamed;
    const credited = (doc.attributions[previous.index] ?? []).filter((a) => !a.pronoun);
    return credited[credited.length - 1]?.raw ?? subjectOf(previous) ?? lastNamed;
  };

  // The speaker named where a quotation closes, for speech that runs over several sentences.
  const speakerAfterQuote = (from: number): Attribution | undefined => {
    for (let j = from; j < Math.min(doc.sentences.length, from + QUOTE_LOOKAHEAD); j++) {
      const sentence = doc.sentences[j] as Sentence;
      const spans = doc.quotes[sentence.paragraph] ?? [];
      const closings = spans.filter((q) => !q.open && q.end > sentence.start && q.end <= sentence.end).map((q) => q.end);
      const found = (doc.attributions[j] ?? []).find((a) => !quotationAt(a.anchor, spans) && closings.some((c) => c <= a.anchor && a.anchor - c < 40));
      if (found) return found;
    }
    return undefined;
  };

  const credit = (sentence: Sentence, pos: number, clause: Span): Credit => {
    const quotes = doc.quotes[sentence.paragraph] ?? [];
    let attribution = chooseAttribution(doc.attributions[sentence.index] ?? [], pos, clause, quotes);
    const quote = quotationAt(pos, quotes);
    if (quote && (!attribution || quotationAt(attribution.anchor, quotes))) attribution = speakerAfterQuote(sentence.index) ?? attribution;
    const paragraph = doc.paragraphs[sentence.paragraph] as Paragraph;
    const listed = !attribution && leadIn && isListItem(doc.text, paragraph) ? leadIn : undefined;
    if (listed) attribution = (doc.attributions[listed.index] ?? []).at(-1);
    const raw = attribution?.pronoun
      ? antecedent(listed ?? sentence)
      : // Speech that goes on after its speaker was named: He added: "That number is 2,000."
        (attribution?.raw ?? (quote ? paragraphSpeaker : undefined));
    return { ...(raw ? { raw } : {}), ...(listed ? { leadIn: listed } : {}) };
  };

  const finish = (sentence: Sentence): void => {
    const paragraph = doc.paragraphs[sentence.paragraph] as Paragraph;
    const quotes = doc.quotes[sentence.paragraph] ?? [];
    const outside = (doc.attributions[sentence.index] ?? []).filter((a) => !quotationAt(a.anchor, quotes));
    const named = outside.filter((a) => !a.pronoun).at(-1);
    if (named) lastNamed = named.raw;
    if (outside.length) paragraphSpeaker = lastNamed;
    const lastInParagraph = sentence.end === paragraph.end;
    if (lastInParagraph) paragraphSpeaker = undefined;
    // "Russia has lost:" introduces the list items that follow; any other paragraph ends the list.
    if (lastInParagraph) leadIn = /:\s*$/.test(sentence.text) ? sentence : isListItem(doc.text, paragraph) ? leadIn : undefined;
  };

  return { credit, finish };
};
