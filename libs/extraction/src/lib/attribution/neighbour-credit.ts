import type { Paragraph, Sentence } from '../text/segment-text';
import type { CreditDocument } from './credit-document';
import type { Attribution } from './find-attributions';
import { CREDITS_PREVIOUS, FINDING_AFTER, FRAGMENT, INTENT, isListItem } from './credit-patterns';

/**
 * Figures credited only by the next sentence: "Russia has lost 719,330 troops. This was reported by the General Staff.",
 * or, in the same paragraph, a document's finding closing it ("A had 785. B fell 10%, the report found.").
 */
export const creditedAfter = (doc: CreditDocument, sentence: Sentence): Attribution | undefined => {
  const next = doc.sentences[sentence.index + 1];
  if (!next || next.paragraph > sentence.paragraph + 1) return undefined;
  const finding = next.paragraph === sentence.paragraph && FINDING_AFTER.test(next.text.trim()) && !INTENT.test(sentence.text);
  if (!CREDITS_PREVIOUS.test(next.text) && !finding) return undefined;
  return (doc.attributions[next.index] ?? []).find((a) => !a.pronoun);
};

/** A verbless heading of a numbered item ("62%.", "4. £38,000.") and the sentence of its item that credits a source. */
export const explanationOf = (doc: CreditDocument, sentence: Sentence): Sentence | undefined => {
  // "1. £4.7 billion" alone (no full stop), a blank line, then "The final cost of the line, according to X": the next paragraph.
  const alone = doc.sentences[sentence.index + 1]?.paragraph !== sentence.paragraph;
  const heading = sentence.text.trim();
  if (!isListItem(doc.text, doc.paragraphs[sentence.paragraph] as Paragraph) || !FRAGMENT.test(alone ? heading.replace(/\.?$/, '.') : heading))
    return undefined;
  const paragraph = alone ? sentence.paragraph + 1 : sentence.paragraph;
  for (let j = sentence.index + 1; j <= sentence.index + 2; j++) {
    const next = doc.sentences[j];
    if (!next || next.paragraph !== paragraph) return undefined;
    if ((doc.attributions[j] ?? []).some((a) => !a.pronoun)) return next;
  }
  return undefined;
};

/** "Two companies disclosed": between the figure and its attribution's verb stands only the attribution's own plain noun. */
export const countsItsSubject = (between: string, raw: string): boolean =>
  /^[a-z]+$/.test(raw) && new RegExp(String.raw`^\S*[^\s,;:]\s+${raw}\s*$`).test(between);
