import { extractFigures } from '../lib/extract-figures';
import type { ExtractedFigure, ExtractOptions } from '../lib/types';

/** The one figure whose numberText contains `fragment`; fails loudly when there is none or several. */
export const figureIn = (text: string, fragment: string, options: ExtractOptions = {}): ExtractedFigure => {
  const all = extractFigures(text, options);
  const hits = all.filter((f) => f.numberText.includes(fragment));
  if (hits.length !== 1) {
    throw new Error(`expected one figure with "${fragment}", got ${hits.length}: ${JSON.stringify(all.map((f) => f.numberText))}`);
  }
  return hits[0] as ExtractedFigure;
};

/** The numberText of every figure, in order. */
export const numberTexts = (text: string, options: ExtractOptions = {}): string[] => extractFigures(text, options).map((f) => f.numberText);

/** Bounds only, for compact expectations. */
export const bounds = (f: ExtractedFigure): Pick<ExtractedFigure, 'value' | 'low' | 'high' | 'qualifier'> => ({
  ...(f.value !== undefined ? { value: f.value } : {}),
  ...(f.low !== undefined ? { low: f.low } : {}),
  ...(f.high !== undefined ? { high: f.high } : {}),
  qualifier: f.qualifier,
});

/** The as_of and precision of the one figure whose numberText contains `fragment`. */
export const datedIn = (text: string, fragment: string, options: ExtractOptions = {}): [string | null, string | null] => {
  const f = figureIn(text, fragment, options);
  return [f.as_of, f.datePrecision];
};
