import type { Sentence } from '../text/segment-text';
import type { Attribution } from './find-attributions';
import { phraseAfter, phraseBefore } from './noun-phrase';

// "For the police the marchers were about 3,000": a clause opening "For X" then stating a count is X's reading (a calque
// of Italian "per la Questura", French "selon"); only a copula or count verb with the number right after it, so "For the firm, the year was hard" is not.
const FOR_READING = /(?:^|[;,]\s*(?:while|whereas|but)\s+)[Ff]or\s+(?=(?:the\s+)?[A-Za-z])/g;
const COUNT_CLAUSE =
  /^\s*,?\s+(?:the|there|participation|turnout|attendance)\b[^,;.]{0,60}?\b(?:were|was|are|is|numbered|totalled|totaled|reached)\s+(?:(?:about|around|some|nearly|almost|over|roughly|approximately|only|just|at\s+least|more\s+than|fewer\s+than|less\s+than)\s+)?\d/;
// "the organisers spoke of 12 thousand people", "unions talk of a success": the speaker is the phrase before the verb.
// ("The Coastal Fishermen Union means that the cut …": a calque of "meint, dass", said of a named body, not "This means that".)
const SPOKE_OF = /\b(?:spoke|speak|speaks|speaking|talked|talk|talks|talking)\s+of\b|\b(?:means|meant)\s+that\b/g;
const NOT_SAYER = /^(?:this|that|it|these|those|which|what|all|each)\b/i;

/** Attributions in a translation's turns of phrase: "For X the N were ...", "X spoke of N", "X means that N". Offsets are absolute. */
export const translatedAttributions = (sentence: Sentence): Attribution[] => {
  const s = sentence.text;
  const at = sentence.start;
  const out: Attribution[] = [];
  for (const m of s.matchAll(FOR_READING)) {
    const from = (m.index ?? 0) + m[0].length;
    const np = phraseAfter(s, from, at);
    if (np && COUNT_CLAUSE.test(s.slice(np.end - at))) out.push({ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: true });
  }
  for (const m of s.matchAll(SPOKE_OF)) {
    // (Its acronym after the name: "The Coastal Fishermen Union (KFL) means that".)
    const gap = /(?:\s+\(\p{Lu}{2,8}\))?\s*$/u.exec(s.slice(0, m.index ?? 0))?.[0].length ?? 0;
    const subject = phraseBefore(s, (m.index ?? 0) - gap, at);
    const named = !m[0].startsWith('mean') || (/^(?:the\s+)?[A-Z]/.test(subject?.text ?? '') && !NOT_SAYER.test(subject?.text ?? ''));
    if (subject && named && subject.end >= at + (m.index ?? 0) - gap)
      out.push({ anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw: subject.text, forwardOnly: true });
  }
  return out;
};
