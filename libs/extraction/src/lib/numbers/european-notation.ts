import type { Unit } from '../types';
import { SCALES } from './number-words';
import type { NumberMention } from './scan-numbers';

// European notation, as translated copy keeps it: thousands grouped by spaces ("2 146 000", "93 480") in a text that
// groups them so more than once and more often than with commas, and a decimal comma before a scale or a percent ("2,12
// millions", "6,1%", "63,5 millimetres"), which English never writes. Each starts where its first digits do, so the longer reading wins.
const SPACE_GROUPED = /(?<![\w.,])\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?![\d,.]\d)(?!\d)/g;
const DECIMAL_COMMA =
  /(?<![\w.,])(\d{1,3}),(\d{1,2})(?!\d)(?:\s?(?<word>millions?|billions?|trillions?)\b|(?=\s?(?:%|per\s?cent\b|percent\b|(?:milli|centi|kilo)?met(?:re|er)s?\b|(?:mm|cm|km|kg|ha)\b|tonnes?\b|litres?\b|hectares?\b|degrees?\b|°)))/gi;
const DECIMAL_COMMA_WORD = /(?<![\w.,$£€])(\d{1,3},\d{1,2})(?![\d,.]\d)(?!\d)(?=\s+[a-z])/g;
// "an earthquake of magnitude 7,3", "the mean stay was 3,6 nights": one digit after a comma is no thousands group, so a
// decimal comma in any text (not a list: "3,6 and 9").
// ("8,9 mln tonnes", "1,2 billion": with the scale word after it.)
const ONE_DECIMAL =
  /(?<![\w.,])(\d{1,3}),(\d)(?![\d,.]\d)(?!\d)(?!\s*(?:,|and|or|&)\s*\d)(?:\s?(?<scale>mln|bln|mn|bn|millions?|billions?|thousands?)\b)?/gi;
const DECIMAL_COMMA_PRICE = /(?<![\w.,])((?:US|AU?|CA?|NZ|HK|S)?\$|£|€|(?:USD|EUR|GBP)\s?)(\d{1,3}),(\d{2})(?![\d,.]\d)(?!\d)/g;
// "38,4 Mio. Euro", "2,3 Mio. EUR", "1,2 Mrd. €": German-style scale abbreviations (Mio. a million, Mrd./Mia. a billion),
// which no English number uses, with the decimal comma they come with and the currency written after them.
// ("148,6 mil. EUR", "2,1 mld. EUR" in Slavic-language copy: the dotted abbreviation before a currency only.)
const SCALE_ABBREVIATION =
  /(?<![\w.,])(\d{1,3}(?:[.,]\d{1,3})?)\s?(?:(Mio|Mrd|Mia)\.?(?:\s?(Euro|EUR|€)(?![\w]))?|(mil|mld)\.\s?(Euro|EUR|€)(?![\w]))(?![\w])/g;
const ABBREVIATED_SCALE: Record<string, number> = { Mio: 1e6, Mrd: 1e9, Mia: 1e9, mil: 1e6, mld: 1e9 };

/** Numbers in European notation (see above); `dotThousands`: the text groups thousands with dots. */
export const europeanMentions = (text: string, dotThousands: boolean, currencyOf: (prefix: string) => Unit | undefined): NumberMention[] => {
  const out: NumberMention[] = [];
  const grouped = [...text.matchAll(SPACE_GROUPED)];
  if (grouped.length >= 2 && grouped.length > (text.match(/\d,\d{3}(?!\d)/g)?.length ?? 0))
    for (const m of grouped) {
      const start = m.index ?? 0;
      out.push({ start, end: start + m[0].length, text: m[0], kind: 'single', value: Number(m[0].replace(/\D/g, '')), word: false });
    }
  // "US$2,14 per pound", "to 4,2 nights" where thousands are grouped by dots ("41.280 tonnes") or spaces: a decimal comma.
  const continental = dotThousands || grouped.length >= 2;
  if (continental) {
    for (const m of text.matchAll(DECIMAL_COMMA_WORD)) {
      const start = m.index ?? 0;
      out.push({ start, end: start + m[1]!.length, text: m[1]!, kind: 'single', value: Number(m[1]!.replace(',', '.')), word: false });
    }
    for (const m of text.matchAll(DECIMAL_COMMA_PRICE)) {
      const start = m.index ?? 0;
      const currency = currencyOf(m[1] ?? '');
      const value = Number(`${m[2]}.${m[3]}`);
      out.push({ start, end: start + m[0].length, text: m[0], kind: 'single', value, word: false, ...(currency ? { currency } : {}) });
    }
  }
  for (const m of text.matchAll(ONE_DECIMAL)) {
    const start = m.index ?? 0;
    const scale = m.groups?.['scale']?.toLowerCase().replace(/s$/, '');
    const factor = scale ? (SCALES[scale] ?? 1) : 1;
    out.push({ start, end: start + m[0].length, text: m[0], kind: 'single', value: Number(`${m[1]}.${m[2]}`) * factor, word: false });
  }
  for (const m of text.matchAll(SCALE_ABBREVIATION)) {
    const start = m.index ?? 0;
    const value = Number((m[1] ?? '').replace(',', '.')) * (ABBREVIATED_SCALE[m[2] ?? m[4] ?? ''] ?? 1);
    const euro = m[3] ?? m[5];
    out.push({ start, end: start + m[0].length, text: m[0], kind: 'single', value, word: false, ...(euro ? { currency: 'eur' as const } : {}) });
  }
  for (const m of text.matchAll(DECIMAL_COMMA)) {
    const start = m.index ?? 0;
    const scale = m.groups?.['word']?.toLowerCase().replace(/s$/, '');
    const value = Number(`${m[1]}.${m[2]}`) * (scale ? (SCALES[scale] ?? 1) : 1);
    out.push({ start, end: start + m[0].length, text: m[0], kind: 'single', value, word: false });
  }
  return out;
};
