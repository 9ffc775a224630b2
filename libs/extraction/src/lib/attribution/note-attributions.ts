import type { Attribution } from './find-attributions';
import { phraseAfter } from './noun-phrase';

// Attributions a sentence makes without a verb of saying: a note headed by its sender, a possessive document.

/** "Correction from the electoral commission: turnout was 51.9%": a note headed by whom it comes from credits what follows. */
export const headedAttributions = (s: string, at: number): Attribution[] => {
  const m = /^\s*(?:Correction|Clarification|Update|Statement|Note)\s+from\s+/i.exec(s);
  const np = m ? phraseAfter(s, m[0].length, at) : undefined;
  return np && /^\s*:/.test(s.slice(np.end - at)) ? [{ anchor: at, end: np.end, raw: np.text, forwardOnly: true }] : [];
};

/** "According to its latest update", "As per their figures": the possessive points back to the source just named. */
export const possessiveAttributions = (s: string, at: number): Attribution[] =>
  [
    ...s.matchAll(
      /\b(?:according\s+to|(?:as\s+)?per|by)\s+(its|their|his|her|my|our)\s+(?:own\s+|latest\s+|new\s+|daily\s+|annual\s+|monthly\s+|quarterly\s+|intelligence\s+)*(?:update|figures|estimates?|data|count|tally|assessment|report|statement|bulletin|calculations?|reckoning)\b/gi,
    ),
  ].map((m) => {
    const pronoun = { its: 'it', their: 'they', his: 'he', her: 'she', my: 'i', our: 'we' }[(m[1] ?? '').toLowerCase()] ?? 'it';
    return { anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw: pronoun, pronoun, forwardOnly: false };
  });
