import type { Attribution } from './find-attributions';
import { phraseAfter, phraseBefore, type Phrase } from './noun-phrase';

/** Phrases around an attribution's verb: the source a speaker cites, and the name an appositive describes. */
/** "X, citing Y, said" and "X said, citing Y, that". */
export const citedPhrase = (
  s: string,
  trimmed: string,
  index: number,
  verb: string,
  at: number,
): { subjectEnd: number; cited: Phrase } | undefined => {
  const before = /,\s*citing\s+([^,]+?),?\s*$/.exec(trimmed);
  if (before) {
    const from = before.index + before[0].indexOf(before[1] ?? '');
    // Not every cited thing is a name ("citing intercepted radio traffic"): keep it as written.
    const cited = phraseAfter(s, from, at) ?? { start: at + from, end: at + from + (before[1] ?? '').length, text: before[1] ?? '' };
    return { subjectEnd: before.index, cited };
  }
  const after = /^\s*(?:(?:on|last|this|in)\s+[\w ]{1,20}?)?\s*,?\s*citing\s+/.exec(s.slice(index + verb.length));
  if (after) {
    const from = index + verb.length + after[0].length;
    const rawCited = /^[^,;.]+?(?=,|\s+that\b|$)/.exec(s.slice(from))?.[0] ?? '';
    const cited = phraseAfter(s, from, at) ?? (rawCited ? { start: at + from, end: at + from + rawCited.length, text: rawCited } : undefined);
    if (cited) return { subjectEnd: trimmed.replace(/[\s,]+$/, '').length, cited };
  }
  return undefined;
};

/** "Mykhailo Samus, a Ukrainian defence analyst, told ..." names Samus, not "a Ukrainian defence analyst". */
export const appositiveName = (s: string, np: Phrase, at: number): Phrase | undefined => {
  // "Syrskyi, Ukraine's top commander, said": a possessive description too.
  if (!/^(?:a|an|the)\s/i.test(np.text) && !/^[a-z]/.test(np.text) && !/^[A-Z][\w.-]*['’]s\s+[a-z]/.test(np.text)) return undefined;
  const before = s.slice(0, np.start - at);
  // "Korea Institute for Defense Analyses, a state-funded think-tank in Seoul": adjectives may precede the phrase;
  // "Victor Cha, a Korea scholar at the Center for ...": a described person, the body they work at named last.
  const comma =
    /,\s*(?:(?:a|an|the)\s+)?(?:[a-z][\w'’-]*\s+){0,3}$/.exec(before) ??
    /,\s*(?:a|an)\s+(?:[\w'’-]+\s+){1,4}(?:at|of|with|for|from)\s+$/.exec(before);
  if (!comma) return undefined;
  // "Royal United Services Institute (Rusi), a London-based think tank": the acronym belongs to the name.
  const acronym = /\s*\([^()]{1,30}\)$/.exec(before.slice(0, comma.index));
  const name = phraseBefore(s, acronym ? acronym.index : comma.index, at);
  if (!name || !/^(?:the\s+)?[A-Z]/.test(name.text)) return undefined;
  return acronym ? { ...name, end: at + comma.index, text: s.slice(name.start - at, comma.index) } : name;
};

const NAME = String.raw`[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*`;
const MORE_NAMES = new RegExp(String.raw`^(?:\s*,\s*${NAME})*\s*,?\s+and\s+${NAME}`);

/** "the three teachers' unions Alpha, Beta and Gamma": a described group's names go on through a list, not to its first comma. */
export const listedNames = (s: string, first: Phrase | undefined, at: number): Phrase | undefined => {
  const more = first && MORE_NAMES.exec(s.slice(first.end - at));
  if (!first || !more) return first;
  return { start: first.start, end: first.end + more[0].length, text: s.slice(first.start - at, first.end - at + more[0].length) };
};

// A participle phrase closed by a comma and followed by a new clause ("..., that implies", "..., Russia has").
const LATER_CLAUSE = /^\s*,\s*(?:that|this|which|it)\s+(?:implies|implied|means|meant|suggests|suggested|puts|would|could|brings|brought)\b/;

/**
 * What a "confirmed by X" agent covers. "78,000 dead confirmed by Mediazona, that implies ...": a participle's agent credits
 * what it follows, not what comes after; "told staff in an email seen by the Courier that ...": the outlet that saw it is no
 * speaker of what the speaker told.
 */
export const agentCovers = (s: string, phrase: string, index: number, npEnd: number): { backwardOnly?: true } => {
  const participle = !/^(?:data|figures|estimates|statistics|report|assessment|index)\b/.test(phrase);
  const seen = /^(?:seen|obtained)\b/.test(phrase) && /\b(?:told|tells|said|says|wrote|writes)\s/.test(s.slice(0, index));
  return (participle && LATER_CLAUSE.test(s.slice(npEnd))) || seen ? { backwardOnly: true } : {};
};

const SANCTIONED = /\b(?:was|were|been)\s+(?:also\s+)?(?:fined|ordered\s+(?:\w+\s+){0,3}?to\s+(?:pay|repay|forfeit))\b/g;
const COURT_HEARD =
  /\b((?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:court|Court|jury|tribunal|Tribunal|inquest|Inquest|inquiry|Inquiry|hearing)\s+)(?:(?:has|had)\s+)?(?:heard|was\s+told)\s+that\b/g;

/**
 * "The court heard that ...": what a hearing is told is credited to the court. A closing ", the court heard" is left to
 * the article, as the generality gold has it.
 */
export const courtHeard = (s: string, at: number): Attribution[] => [
  ...[...s.matchAll(COURT_HEARD)].map((m) => {
    const raw = m[1] ?? '';
    return { anchor: at + (m.index ?? 0) + raw.length, end: at + (m.index ?? 0) + m[0].length, raw: raw.trim(), forwardOnly: true };
  }),
  // "The company was fined £50,000 and ordered to pay £18,750": a sanction in the passive is the court's.
  ...[...s.matchAll(SANCTIONED)].map((m) => ({
    anchor: at + (m.index ?? 0),
    end: at + (m.index ?? 0) + m[0].length,
    raw: 'the court',
    forwardOnly: true,
  })),
];

// "Meridian gives Samsung a 20% share", "Canalys has Apple at 18%", "Orbis splits the difference at 305 million": a
// firm's estimate told by a verb of placing, with the firm opening the sentence.
// ("Northmarch had the highest rate of any region, at 23.4%": a superlative ranks a place, no firm places a figure.)
// "Year to date, Boxtrack has the UK market at £612m", "the COA puts the total nearer £640m": after an opening adverbial too.
const PLACES_FIGURE =
  /^(?:[A-Z][^,]{1,30},\s*)?((?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s+(?:(?:gives|gave)\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)?\s+(?:a|an)\s+(?=\d)|(?:has|had|puts|put)\s+(?:[A-Z][\w&.'’-]*(?:\s+[a-z]+)?|the\s+(?!(?:highest|lowest|largest|smallest|biggest|most|fewest|best|worst)\b)(?:[\w&.'’-]+\s+){0,5}?[a-z]+),?\s+(?:at|nearer|near|closer\s+to)\s+(?=[£$€]?(?:about\s+|around\s+)?\d)|splits\s+the\s+difference\s+at\b)/;

export const placesFigure = (s: string, at: number): Attribution[] => {
  const m = PLACES_FIGURE.exec(s);
  if (!m || /^(?:The|It|This|That|He|She|They|We)$/.test(m[1] ?? '')) return [];
  const verbAt = m[0].indexOf(m[1] ?? '') + (m[1] ?? '').length + 1;
  return [{ anchor: at + verbAt, end: at + m[0].length, raw: m[1] ?? '', forwardOnly: true }];
};

// "Some numbers on the firefighting effort, from the fire service: 1,140 personnel …", "The latest count from Westmarch Power
// Networks at 8am: 96,500 …", "The fire service's morning briefing:
// the fire had burned 12,400 hectares": a lead-in naming whose figures follow its colon.
const COLON_LEAD_IN =
  /^(?:(?:[^:]{0,80}?,|(?:The\s+)?[Ll]atest(?:\s+(?:count|figures?|numbers?|update|tally))?)\s*(?:from|according\s+to|per)\s+((?:the\s+)?[^,:;]{2,60}?)(?:\s+at\s+[\w.]{1,8})?|((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,4}?)['’]s\s+(?:[a-z]+\s+){0,2}(?:briefing|update|statement|bulletin|figures|count|tally|numbers|report))\s*:\s+(?=\S)/;

export const colonLeadIn = (s: string, at: number): Attribution[] => {
  const m = COLON_LEAD_IN.exec(s);
  const raw = (m?.[1] ?? m?.[2])?.trim();
  return m && raw ? [{ anchor: at + m[0].length - 1, end: at + m[0].length, raw, forwardOnly: true }] : [];
};
