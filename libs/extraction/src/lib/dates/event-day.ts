import type { Paragraph, Sentence } from '../text/segment-text';
import type { ExtractedFigure } from '../types';
import { confidenceInputOf, scoreConfidence } from '../figures/confidence';
import { isTitleLike } from '../figures/figure-context';
import { NOT_PAST, ONGOING, PAST } from './carried-dates';
import { findAsOf, within, type AsOf, type DateIndex } from './find-as-of';

// "Thousands marched through the city centre on Saturday …" opening a section (or a story published a day or two later):
// the section's later figures in the past tense, with no date of their own, count that day's event ("Four people were
// arrested", "About 350 officers were on duty"), not the day the story came out.

/** How many days before publication an event day may fall: a weekend round-up on Monday, a wire two days on. */
const EVENT_WINDOW_DAYS = 6;
// "the agency said on Friday", "told the UN Security Council on Tuesday": the day a figure was given out, not an event's.
const GIVEN_OUT_ON =
  /\b(?:said|says|told|announced|reported|confirmed|published|released|added|stated|revised|raised|updated|briefed|estimated)\b[^,.;:]{0,40}?\s(?:late\s+|early\s+)?(?:on\s+)?$/i;
const DAY_MS = 86_400_000;
// A toll ("1,040 people were injured", "destroyed some 2,700 homes") keeps rising after its event: it holds as reported.
const TOLL = /\b(?:killed|dead|died|deaths?|injured|wounded|hurt|missing|destroyed|damaged|toll|casualties)\b/i;

/** The past day a section's opening sentence puts its event on, when it names one. */
const eventDay = (dates: DateIndex, sentence: Sentence, published: string): AsOf | undefined => {
  const past = PAST.test(sentence.text) && !NOT_PAST.test(sentence.text);
  for (const m of within(dates.mentions, sentence)) {
    if (m.boundary || m.future || (m.kind !== 'weekday' && m.kind !== 'date' && m.kind !== 'day-offset')) continue;
    // ("Harrowgate are champions after a win in Saturday's final": a past event's day named by its possessive, in any tense.)
    if (!past && !(m.kind === 'weekday' && /^['’]s\s/.test(sentence.text.slice(m.end - sentence.start)))) continue;
    if (GIVEN_OUT_ON.test(sentence.text.slice(Math.max(0, m.start - sentence.start - 30), m.start - sentence.start))) continue;
    const asOf = findAsOf(dates, m.start, sentence, { start: m.start, end: m.end });
    const days = asOf.as_of ? (Date.parse(published) - Date.parse(asOf.as_of)) / DAY_MS : -1;
    if (asOf.datePrecision === 'day' && (asOf.dateBasis === 'relative' || asOf.dateBasis === 'explicit') && days >= 1 && days <= EVENT_WINDOW_DAYS)
      return { ...asOf, dateBasis: 'carried' };
  }
  return undefined;
};

/** Dates the published-dated past-tense figures of each section by the event day its opening sentence names. */
export const carryEventDays = (
  figures: ExtractedFigure[],
  text: string,
  paragraphs: Paragraph[],
  dates: DateIndex,
  published: string | undefined,
): void => {
  if (!published) return;
  // Per paragraph: the event day of the section it belongs to, once past that section's opening paragraph.
  const dayOf: (AsOf | undefined)[] = [];
  let current: AsOf | undefined;
  // The lead's event day ("finished the marathon yesterday") holds in later sections that name no day of their own.
  let story: AsOf | undefined;
  let first = true;
  let opening = true;
  for (const p of paragraphs) {
    // ("HOSPITAL MARCH: HOW MANY CAME?": a heading in capitals, whatever ends it.)
    if (isTitleLike(text, p) || /^[^a-z\n]{3,80}$/.test(text.slice(p.start, p.end).trim())) {
      [current, opening] = [undefined, true];
    } else if (opening) {
      const lead = p.sentences[0];
      const own = lead ? eventDay(dates, lead, published) : undefined;
      current = own ?? story;
      // (An opening that names no day of its own holds at the story's day from its first sentence.)
      if (!own) dayOf[p.index] = story;
      if (first) [story, first] = [current, false];
      opening = false;
    } else dayOf[p.index] = current;
  }
  let p = 0;
  figures.forEach((f, i) => {
    while (p < paragraphs.length - 1 && (paragraphs[p] as Paragraph).end <= f.offset) p++;
    const day = dayOf[p];
    if (!day || f.dateBasis !== 'published' || !PAST.test(f.quote) || NOT_PAST.test(f.quote) || ONGOING.test(f.quote) || TOLL.test(f.quote)) return;
    const dated = { ...f, as_of: day.as_of, datePrecision: day.datePrecision, dateBasis: day.dateBasis };
    // The confidence weighs whether the text dated the figure: it now does.
    figures[i] = { ...dated, confidence: scoreConfidence(confidenceInputOf(dated)) };
  });
};
