import type { Attribution } from './find-attributions';
import { phraseAfter } from './noun-phrase';

// Attributions a sentence makes without a verb of saying: a note headed by its sender, a possessive document.

/** "Correction from the electoral commission: turnout was 51.9%": a note headed by whom it comes from credits what follows. */
export const headedAttributions = (s: string, at: number): Attribution[] => {
  const m = /^\s*(?:Correction|Clarification|Update|Statement|Note)\s+from\s+/i.exec(s);
  const np = m ? phraseAfter(s, m[0].length, at) : undefined;
  return np && /^\s*:/.test(s.slice(np.end - at)) ? [{ anchor: at, end: np.end, raw: np.text, forwardOnly: true }] : [];
};

/**
 * "According to its latest update", "As per their figures": the possessive points back to the source just named; so does
 * a possessive document telling a figure ("Our own review puts the number at", "our census this spring found").
 */
export const possessiveAttributions = (s: string, at: number): Attribution[] =>
  [
    ...s.matchAll(
      /\b(?:according\s+to|(?:as\s+)?per|by)\s+(its|their|his|her|my|our)\s+(?:own\s+|latest\s+|new\s+|daily\s+|annual\s+|monthly\s+|quarterly\s+|intelligence\s+)*(?:update|figures|estimates?|data|count|tally|assessment|report|statement|bulletin|calculations?|reckoning)\b/gi,
    ),
    ...s.matchAll(
      /\b(its|their|his|her|my|our)\s+(?:own\s+|latest\s+|new\s+|annual\s+|internal\s+)*(?:review|census|survey|analysis|audit|count|figures|data|records|study|modelling)\s+(?:(?:this|last)\s+\w+\s+)?(?:puts?|found|finds|shows?|showed|suggests?|counted|recorded)\b/gi,
    ),
  ].map((m) => {
    const pronoun = { its: 'it', their: 'they', his: 'he', her: 'she', my: 'i', our: 'we' }[(m[1] ?? '').toLowerCase()] ?? 'it';
    return { anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw: pronoun, pronoun, forwardOnly: false };
  });

// "Our own review puts the number nearer 6,000", "our census this spring found": a common noun after a possessive is the
// owner's document, told by whoever "our" is.
// ("its operator said" is someone else: only the first person's own document is the speaker's.)
export const ownerOf = (s: string, a: Attribution, at: number): string | undefined => {
  if (!/^[a-z]+$/.test(a.raw)) return undefined;
  const start = s.lastIndexOf(a.raw, Math.max(0, a.anchor - at));
  const owner = start < 0 ? undefined : /\b(our|my)\s+(?:own\s+|latest\s+|new\s+|internal\s+)*$/i.exec(s.slice(0, start))?.[1];
  return owner ? (owner.toLowerCase() === 'our' ? 'we' : 'i') : undefined;
};
