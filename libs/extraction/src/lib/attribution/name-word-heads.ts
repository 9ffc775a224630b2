import type { Sentence } from '../text/segment-text';
import { HEADS } from './description-heads';
import type { Attribution } from './find-attributions';

// "St Brannoc's Hospice held its walk … The hospice said 1,250 walkers took part", "Westshire County Council … The county
// said up to 9,000 vehicles": a story describes a body by a word of its own name, whatever that word is. The heads in
// description-heads.ts are the words any story uses ("the agency"); these are the ones this story's names give it.

/** Words of a body's name that its later description takes: not the generic heads, nor words every sentence uses. */
const NOT_A_HEAD = new Set(['same', 'first', 'last', 'next', 'other', 'new', 'old', 'north', 'south', 'east', 'west', 'city', 'year', 'week']);
// A capitalised word inside a name of two or more capitalised words, not opening a sentence: "Brannoc's Hospice", "County Council".
const NAME_WORD = /(?<=[\p{Ll},;:'’)]\s+|^)(?:\p{Lu}[\p{L}'’-]*\s+)*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)+/gmu;

let memo: { text: string; heads: Set<string> } = { text: '', heads: new Set() };

/** The lower-case words this text's multi-word names hold that it also writes as "the <word>" (read once per text). */
export const nameWordHeads = (text: string): Set<string> => {
  if (memo.text === text) return memo.heads;
  const inNames = new Set<string>();
  for (const m of text.matchAll(NAME_WORD))
    for (const w of m[0].split(/\s+/).slice(1)) if (/^\p{Lu}\p{Ll}{3,}$/u.test(w)) inNames.add(w.toLowerCase());
  const heads = new Set<string>();
  for (const m of text.matchAll(/\b[Tt]he\s+(\p{Ll}{4,})\b/gu)) {
    const w = m[1] ?? '';
    if (inNames.has(w) && !HEADS[w] && !NOT_A_HEAD.has(w)) heads.add(w);
  }
  memo = { text, heads };
  return heads;
};

const TELLS = String.raw`(?:said|says|told|tells|reported|reports|estimated|estimates|confirmed|confirms|announced|announces|added|put|puts|counted|recorded)`;

/**
 * "The hospice said 1,250 walkers took part": an attribution to a description by one of the story's own name words, as
 * written; coreference resolves it to the name (`resolveDescription`). Only where the sentence has none at that verb.
 */
export const withNameWords = (sentence: Sentence, found: Attribution[], heads: ReadonlySet<string>): Attribution[] => {
  if (heads.size === 0) return found;
  const out: Attribution[] = [];
  const re = new RegExp(
    String.raw`(?:^|[,;:]\s+|\b(?:and|but|that)\s+)([Tt]he\s+(\p{Ll}{4,}))\s+(?:(?:also|later|earlier|now)\s+)?(${TELLS})\b`,
    'gu',
  );
  for (const m of sentence.text.matchAll(re)) {
    if (!heads.has(m[2] ?? '')) continue;
    const verbAt = sentence.start + (m.index ?? 0) + m[0].length - (m[3] ?? '').length;
    if (found.some((a) => Math.abs(a.anchor - verbAt) <= 2)) continue;
    out.push({ anchor: verbAt, end: verbAt + (m[3] ?? '').length, raw: m[1] ?? '', forwardOnly: false });
  }
  return out.length ? [...found, ...out] : found;
};

/** Whether `raw` ("the hospice") is a description by one of the text's name words. */
export const isNameWordDescription = (raw: string, text: string): boolean => {
  const m = /^[Tt]he\s+(\p{Ll}{4,})$/u.exec(raw.trim());
  return m !== null && nameWordHeads(text).has(m[1] ?? '');
};
