import { inferYear, monthNumber, type YMD } from './calendar';

// "Fieldwork: 26-30 November 2026", "Vantage interviewed 1,204 adults online between Thursday 26 and Monday 30 November": a
// poll's shares hold on the last day of its fieldwork.
const FIELDWORK =
  /\b(?:Fieldwork(?:\s+dates?)?\s*(?::|was\s+(?:carried\s+out|conducted))\s*(?:on\s+|between\s+|from\s+)?|(?:interviewed|surveyed|polled)\s+[\d,]+\s+[^.\n]{0,60}?\bbetween\s+)([^\n.;]{4,60})/;
const DAY_MONTH = /(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)\.?(?:,?\s+((?:19|20)\d{2}))?/g;
/** The last day of a poll's fieldwork, when the text states it. */
export const pollFieldwork = (text: string, published?: YMD): YMD | undefined => {
  const span = FIELDWORK.exec(text)?.[1];
  const last = span ? [...span.matchAll(DAY_MONTH)].at(-1) : undefined;
  const m = last ? monthNumber(last[2] ?? '') : 0;
  if (!last || !m) return undefined;
  const y = last[3] ? Number(last[3]) : published && inferYear(m, published);
  return y ? { y, m, d: Number(last[1]) } : undefined;
};
