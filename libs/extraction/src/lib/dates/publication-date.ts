import { isValidYmd, type YMD } from './calendar';
import { findDateMentions } from './date-mentions';

const HEADER_LINES = 15;
const LABELLED = /^\s*(date|dated|published|publication date|posted|first published|last updated|updated)\b\s*(?:on|at)?\s*[:\-–]?\s*/i;

/**
 * The publication date stated in the article's header: a "Date: 28/10/2024"
 * or "Published 28 October 2024" line, else a line that is only a full date.
 * "Updated" lines are used only when nothing says when it was published.
 */
export const findPublicationDate = (text: string): YMD | undefined => {
  const lines = headerLines(text);
  const candidates: { rank: number; date: YMD }[] = [];
  for (const { line } of lines) {
    const label = LABELLED.exec(line);
    const date = firstFullDate(label ? line.slice(label[0].length) : line);
    if (!date) continue;
    if (label) candidates.push({ rank: /updated/i.test(label[1] ?? '') ? 3 : 0, date });
    else if (isBareDateLine(line)) candidates.push({ rank: 1, date });
    else if (isBylineLike(line)) candidates.push({ rank: 2, date });
  }
  candidates.sort((a, b) => a.rank - b.rank);
  return candidates[0]?.date;
};

const headerLines = (text: string): { line: string; start: number }[] => {
  const out: { line: string; start: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) out.push({ line, start });
    start += line.length + 1;
    if (out.length >= HEADER_LINES) break;
  }
  return out;
};

const firstFullDate = (s: string): YMD | undefined => {
  for (const m of findDateMentions(s)) {
    if (m.kind === 'date' && m.y !== undefined) {
      const date = { y: m.y, m: m.m, d: m.d };
      if (isValidYmd(date)) return date;
    }
  }
  return undefined;
};

/** A short line that is not prose, such as "By Jane Doe, 28 October 2024 | Kyiv". */
const isBylineLike = (line: string): boolean => line.trim().length <= 80 && !/[.!?]["”’]?\s*$/.test(line.trim()) && line.trim().split(/\s+/).length <= 12;

/** A line that holds a date and little else (weekday, time, zone), such as a byline date. */
const isBareDateLine = (line: string): boolean => {
  const rest = line
    .replace(/\b\d{1,2}[:.]\d{2}\b|\b(?:am|pm|gmt|bst|utc|cet|cest|est|edt|et|msk|kst)\b/gi, '')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi, '');
  const dates = findDateMentions(rest);
  const left = dates.reduce((s, d) => s.replace(d.text, ''), rest);
  return dates.length > 0 && left.replace(/[\s,.|·•\-–]/g, '').length <= 3;
};
