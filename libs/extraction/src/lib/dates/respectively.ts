import type { AsOf } from './find-as-of';

/**
 * "the summers of 2022 and 2023, when the glaciers lost 5.9% and 4.4% respectively": as many years as figures before
 * "respectively" pair up in order. `starts` are the sentence's figure offsets (years are not figures).
 */
export const respectiveYear = (sentence: { text: string; start: number }, starts: number[], pos: number): AsOf | undefined => {
  const end = sentence.text.search(/\brespectively\b/);
  if (end < 0) return undefined;
  const years = [...sentence.text.slice(0, end).matchAll(/\b(?:19|20)\d{2}\b/g)].filter((y) => !starts.includes(sentence.start + (y.index ?? 0)));
  const lastYear = sentence.start + (years.at(-1)?.index ?? Infinity);
  const paired = starts.filter((s) => s > lastYear && s < sentence.start + end);
  const i = paired.indexOf(pos);
  if (years.length < 2 || years.length !== paired.length || i < 0) return undefined;
  return { as_of: `${years[i]?.[0]}-01-01`, datePrecision: 'year', dateBasis: 'explicit' };
};
