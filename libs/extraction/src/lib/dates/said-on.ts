import type { Sentence } from '../text/segment-text';
import { toIso } from './calendar';
import { within, type AsOf, type DateIndex } from './find-as-of';
import { resolveDate } from './resolve-date';

// When a figure's statement was made: the day next to its verb, and whether a sentence names the day of an event.

/** How far from its verb a date still says when something was said: "on Thursday said", "posted on X, formerly Twitter, on Sunday:". */
const SAID_BEFORE = 25;
const SAID_AFTER = 40;
// Between the verb and its date only a preposition, an aside or a place: "said on Thursday", "posted on X, formerly Twitter, on
// Sunday"; not "said rainfall in July", where the date belongs to what was said.
const SAID_THEN =
  /^[a-z]+(?:\s+(?:on|in|at|to|late|early|earlier|during|a|an|the|its|his|her|their|statement|interview|briefing|post|filing|speech|letter|release|conference|press|news|video|televised|address|message|remarks|reporters|journalists|parliament|[A-Z][\w.'’-]*)|\s*,[^,\d]{0,30},)*\s*$/;

/**
 * The date the verb at `anchor` was said on ("Syrskyi said on Thursday that ..."), for a next sentence that goes on
 * with "He added that ...". Only a date right next to the verb, so a date scoping a figure does not carry over.
 */
export const saidOn = (index: DateIndex, sentence: Sentence, anchor: number): AsOf | undefined => {
  const said = within(index.mentions, sentence).find(
    (m) =>
      !m.boundary &&
      !m.future &&
      m.kind !== 'year' &&
      (m.start >= anchor
        ? m.start - anchor <= SAID_AFTER && SAID_THEN.test(sentence.text.slice(anchor - sentence.start, m.start - sentence.start))
        : anchor - m.end <= SAID_BEFORE && !/[,\d]/.test(sentence.text.slice(m.end - sentence.start, anchor - sentence.start))),
  );
  const resolved = said && resolveDate(said, index.published);
  return resolved
    ? { as_of: toIso(resolved.date), datePrecision: resolved.precision, dateBasis: resolved.relative ? 'relative' : 'explicit' }
    : undefined;
};

/** Whether `asOf` is the day of an event the sentence names ("On Tuesday, Russia fired ...", "said on Monday"), not a week or month. */
export const namesEventDay = (index: DateIndex, sentence: Sentence, asOf: AsOf): boolean =>
  asOf.datePrecision === 'day' &&
  // "214 on Saturday and 187 on Sunday": a sentence naming several days dates its figures, not a statement.
  new Set(
    within(index.mentions, sentence)
      .filter((m) => !m.boundary && !m.future && (m.kind === 'weekday' || m.kind === 'date'))
      .map((m) => m.text),
  ).size <= 1 &&
  (asOf.dateBasis === 'explicit' || asOf.dateBasis === 'relative' || asOf.dateBasis === 'paragraph' || asOf.dateBasis === 'header') &&
  within(index.mentions, sentence).some((m) => {
    if (m.boundary || m.future || (m.kind !== 'weekday' && m.kind !== 'date' && m.kind !== 'day-offset')) return false;
    const resolved = resolveDate(m, index.published);
    return resolved !== null && toIso(resolved.date) === asOf.as_of;
  });
