import type { Sentence } from '../text/segment-text';
import type { CreditDocument } from './credit-document';

const POLL_SOURCE = /^according\s+to\s+(?:a|an|the)\s+(?:new\s+|latest\s+)?(?:[A-Z][\w&'’-]*\s+){1,4}(?:opinion\s+)?(?:poll|survey)\b/;

/**
 * A poll write-up: the paragraph right after one closing "according to a X poll" goes on with the poll's shares
 * ("The main opposition is on 31%, while the Greens are on 12%") until that paragraph credits someone itself.
 */
export const pollGoesOn = (doc: CreditDocument, sentence: Sentence): string | undefined => {
  const first = doc.sentences.findIndex((x) => x.paragraph === sentence.paragraph);
  if (first < 1 || (doc.sentences[first - 1] as Sentence).paragraph !== sentence.paragraph - 1) return undefined;
  for (let j = first; j < sentence.index; j++) if ((doc.attributions[j] ?? []).length) return undefined;
  return (doc.attributions[first - 1] ?? []).filter((a) => POLL_SOURCE.test(doc.text.slice(a.anchor, a.end + 12))).at(-1)?.raw;
};
