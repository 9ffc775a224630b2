import type { Span } from '../text/segment-text';
import type { Attribution } from './find-attributions';

/** How far after a figure's start a relative clause crediting it may stand. */
const BOUND_REACH = 80;

const inside = (pos: number, spans: Span[]): Span | undefined => spans.find((s) => pos >= s.start && pos < s.end);

/**
 * The attribution that covers a figure: the nearest one before it in its
 * clause, else one after it in its clause ("..., the ministry said"), else the
 * nearest earlier one in the sentence (carried across clauses), else a later
 * one. Speech verbs inside quotation marks do not attribute; a figure inside
 * a quotation takes the speaker outside it.
 */
export const chooseAttribution = (atts: Attribution[], pos: number, clause: Span, quotes: Span[]): Attribution | undefined => {
  const quote = inside(pos, quotes);
  const usable = atts.filter((a) => {
    const q = inside(a.anchor, quotes);
    return !q || q === quote;
  });
  if (quote) {
    const outside = usable.filter((a) => !inside(a.anchor, quotes));
    const nearest = outside.sort((a, b) => Math.abs(a.anchor - pos) - Math.abs(b.anchor - pos))[0];
    if (nearest) return nearest;
  }
  const inClause = (a: Attribution): boolean => a.anchor >= clause.start && a.anchor < clause.end;
  // "the 165,000 that economists had expected": a relative clause right after the figure credits it.
  const bound = usable.find((a) => a.boundBack && a.anchor > pos && a.anchor - pos <= BOUND_REACH);
  if (bound) return bound;
  const before = usable.filter((a) => a.anchor < pos && !a.backwardOnly);
  const after = usable.filter((a) => a.anchor > pos && !a.forwardOnly);
  const chosen = last(before.filter(inClause)) ?? after.filter(inClause)[0] ?? last(before) ?? after[0];
  // "Police recorded 6.7 million crimes, the statistics office said": the speaker reports what the counter counted; so does
  // one that opens the sentence ("According to data compiled by the Crime Analysis Unit, officers recorded 18,642 …").
  const speaker = chosen?.dataVerb
    ? (after.find((a) => !a.dataVerb && !a.pronoun && a.anchor > chosen.anchor) ??
      last(before.filter((a) => !a.dataVerb && !a.pronoun && a.anchor < chosen.anchor)))
    : undefined;
  return speaker ?? chosen;
};

const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1];
