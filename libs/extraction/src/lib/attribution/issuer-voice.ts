import type { Sentence } from '../text/segment-text';
import { bodyOfSpeaker } from './coreference';
import type { Attribution } from './find-attributions';

// A document in an institution's own voice (a press release, briefing notes, a statement) speaks for its issuer
// throughout: a figure nobody else is credited with is the issuer's, not the article's. The marker is the genre's
// own furniture at the top of the text; the issuer is the first sayer its lead names.

const OWN_VOICE =
  /^\s*(?:FOR\s+IMMEDIATE\s+RELEASE|(?:PRESS|NEWS|MEDIA)\s+RELEASE|(?:Press|News|Media)\s+[Rr]elease\b|Briefing\s+notes?\b|Press\s+briefing\s+notes?\b|(?:Press|Media|Joint|Official)\s+[Ss]tatement\b|STATEMENT\b)/m;
/** How far into the text the marker may stand: a headline or two, a dateline. */
const HEAD_CHARS = 300;
/** How many sentences of the lead may name the issuer. */
const LEAD_SENTENCES = 6;

/** The body a document speaks for, when it is in that body's own voice; else undefined. */
export const findIssuer = (text: string, sentences: Sentence[], attributions: Attribution[][]): string | undefined => {
  if (!OWN_VOICE.test(text.slice(0, HEAD_CHARS))) return undefined;
  for (const s of sentences.slice(0, LEAD_SENTENCES)) {
    const named = (attributions[s.index] ?? []).find((a) => !a.pronoun);
    if (named) return bodyOfSpeaker(named.raw).replace(/^the\s+/i, '');
  }
  return undefined;
};
