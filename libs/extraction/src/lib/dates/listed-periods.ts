import type { Sentence, Span } from '../text/segment-text';
import type { DateMention } from './date-mentions';

// Choosing among a sentence's dates for one figure (find-as-of.ts): a list's own periods, else the nearest date.

// "£3.4 million in 2022-23, £4.9 million in 2023-24": in a list of figures each followed by its own period, the period
// just before a figure closes the previous item; the figure's own comes after it, before the next figure.
const OWN_PERIOD =
  /^\s*(?:(?!(?:and|or|but|while|than|from|since|compared|against|versus|vs|on|before|after|earlier|ago)\b)[a-z]+\s+){0,3}(?:in|during|for|over)\s+(?:the\s+)?$/i;
const OWN_WORDS = /^\s*(?:(?!(?:and|or|but|while|than|from|since|compared|against|versus|vs|on|before|after|earlier|ago)\b)[a-z]+\s+){0,3}$/i;
const ownPeriod = (gap: string, m: DateMention): boolean => (/^(?:in|during|for|over)\s/i.test(m.text) ? OWN_WORDS : OWN_PERIOD).test(gap);
export const listed = <T extends { m: DateMention }>(usable: T[], sentence: Sentence, pos: number, others: Span[]): T[] => {
  const between = (a: number, b: number): string => sentence.text.slice(a - sentence.start, b - sentence.start);
  const ownAfter = usable.some(
    ({ m }) =>
      m.start > pos &&
      m.start - pos <= 40 &&
      ownPeriod(between(pos, m.start).replace(/^\S+/, ''), m) &&
      !others.some((o) => o.start > pos && o.start < m.start),
  );
  if (!ownAfter) return usable;
  const claimed = ({ m }: T): boolean =>
    m.end <= pos &&
    others.some((o) => o.end <= m.start && m.start - o.end <= 40 && ownPeriod(between(o.end, m.start), m)) &&
    /^[,;]?\s*(?:and\s+)?[£$€]?$/.test(between(m.end, pos));
  return usable.filter((c) => !claimed(c));
};

export const closest = <T extends { m: DateMention }>(usable: T[], pos: number): T | undefined =>
  usable.sort((a, b) => distance(a.m, pos) - distance(b.m, pos))[0];

const distance = (m: Span, pos: number): number => (pos < m.start ? m.start - pos : pos >= m.end ? pos - m.end : 0);
