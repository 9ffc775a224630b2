import { speakerLabel } from '../attribution/credit-patterns';
import type { Paragraph } from '../text/segment-text';
import { toIso, type YMD } from './calendar';
import type { DateMention } from './date-mentions';
import { within, type AsOf } from './find-as-of';
import { resolveDate } from './resolve-date';

const YEAR_SPAN = /\b(?:between|from)\s+(?:19|20)\d{2}\s+(?:and|to)\s+((?:19|20)\d{2})\b/;

/**
 * "MS X: How many were blocked when you inspected in 2021? / MR Y: About 40 per cent": in a transcript an answer with no
 * date of its own holds when the question it answers says (its last date, or the end of its span of years).
 */
export const answerDate = (
  text: string,
  paragraphs: Paragraph[],
  paragraph: number,
  mentions: DateMention[],
  published: YMD | undefined,
  before: number,
): AsOf | undefined => {
  const [answer, question] = [paragraphs[paragraph], paragraphs[paragraph - 1]];
  if (!answer || !question) return undefined;
  const [a, q] = [text.slice(answer.start, answer.end), text.slice(question.start, question.end).trim()];
  const [asker, answerer] = [speakerLabel(q), speakerLabel(a)];
  if (!asker || !answerer || asker === answerer || !q.endsWith('?')) return undefined;
  // "As of the end of October we had received 48,200. Of those, 39,050 have been issued": the answer's own date, said
  // before the figure's sentence, holds over the question's.
  const said = within(mentions, { start: answer.start, end: before })
    .filter((m) => !m.boundary && !m.future)
    .map((m) => resolveDate(m, published))
    .findLast((r) => r?.precision === 'day' || r?.precision === 'month');
  // (A bare year in an answer is more often a comparison's base: "8% below 2019-20".)
  if (said) return { as_of: toIso(said.date), datePrecision: said.precision, dateBasis: 'carried' };
  const last = within(mentions, question)
    .filter((m) => !m.boundary && !m.future)
    .map((m) => resolveDate(m, published))
    .findLast((r) => r !== null);
  if (last) return { as_of: toIso(last.date), datePrecision: last.precision, dateBasis: 'carried' };
  const span = YEAR_SPAN.exec(q);
  return span ? { as_of: `${span[1]}-01-01`, datePrecision: 'year', dateBasis: 'carried' } : undefined;
};
