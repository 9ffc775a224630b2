import type { Sentence } from '../text/segment-text';
import type { CreditDocument } from './credit-document';

// "according to a new Vantage Research poll": the pollster's name captured.
const ACCORDING_TO_POLL = String.raw`according\s+to\s+(?:a|an|the)\s+(?:new\s+|latest\s+)?((?:[A-Z][\w&'’-]*\s+){1,4})(?:opinion\s+)?(?:poll|survey)\b`;
const POLL_SOURCE = new RegExp(`^${ACCORDING_TO_POLL}`);

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

// "according to the latest Vantage Research poll for The Sentinel", "a poll by Kestrel Insight", "a snap poll of 2,000
// adults by Panelbase Research": the pollster a write-up's lead names.
const POLLSTER = new RegExp(
  String.raw`\b${ACCORDING_TO_POLL}|\b(?:poll|survey)\s+(?:of\s+[\d,]+\s+[a-z]+\s+)?(?:by|from|conducted\s+by|carried\s+out\s+by)\s+((?:[A-Z][\w&'’-]*[ \t]*){1,4})`,
);
/** How far into the write-up its pollster is named. */
const POLL_LEAD_CHARS = 800;
// A sentence of the poll's own findings: its respondents, sample, margin of error, shares ("is on 18%") or seat model.
const FINDING =
  /\b(?:respondents|interviewed|margin\s+of\s+error|of\s+those\s+asked|were\s+asked|asked\s+(?:which|whether|who|how)|said\s+they|don['’]t\s+know|did\s+not\s+know|seat\s+model)\b|\b(?:is|are|were|was|stands?|stood)\s+on\s+\d/i;

/** The pollster a poll write-up names in its lead, when it is one. */
export const pollsterOf = (text: string): string | undefined => {
  const m = POLLSTER.exec(text.slice(0, POLL_LEAD_CHARS));
  return (m?.[1] ?? m?.[2])?.trim();
};

/** "Some 14% of respondents said they did not know": a finding of the poll the write-up is about, its pollster's. */
export const pollFinding = (pollster: string | undefined, sentence: Sentence): string | undefined =>
  pollster && FINDING.test(sentence.text) ? pollster : undefined;
