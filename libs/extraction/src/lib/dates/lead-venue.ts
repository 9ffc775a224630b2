import type { Sentence } from '../text/segment-text';
import { toIso } from './calendar';
import { within, type AsOf, type DateIndex } from './find-as-of';
import { resolveDate } from './resolve-date';
import type { DateMention } from './date-mentions';
import { isLeadProse } from './reference-period';

// The lead's dated gathering or ballot, and the sentences that go back to it.
// A filing is the lead's dated event too: "disclosed job cuts in filings on Monday" … "said in a stock exchange filing".
const GATHERING = 'council|meeting|summit|briefing|session|hearing|conference|assembly|committee|filings?';
const BALLOT = 'referendum|election|by-election|ballot|plebiscite';
// A walkout or a march the lead dates ("walked out on Wednesday in the biggest strike", "Yesterday's march").
const ACTION = 'strike|walkout|march|protest|rally|demonstration';
const VENUE_ALL = new RegExp(String.raw`\b(${GATHERING}|${BALLOT}|${ACTION})\b`, 'gi');
// Told in the simple past, with nothing that holds now or looks ahead.
const SIMPLE_PAST = /\b(?:was|were|\w{3,}ed|made|took|put|sold|came|went|saw|led)\b/i;
const NOT_SIMPLE_PAST = /\b(?:is|are|remains?|will|would|could|may|might|expects?|plans?|planned|now|currently|still|next|further)\b/i;
/** How many paragraphs into the story a dated venue still counts as its lead event. */
const LEAD_PARAGRAPHS = 4;
/** How far from the venue word its day may stand: "told the UN Security Council on Friday". */
const VENUE_DAY = 40;

export interface Venue {
  word: string;
  asOf: AsOf;
}

/** The lead's dated gathering: "told the UN Security Council on Friday", "at a briefing on Tuesday". */
export const leadVenue = (index: DateIndex, sentences: Sentence[]): Venue | undefined => {
  // Counted in paragraphs of prose: a transcript's or a release's header lines ("Present: …", "[DECLARATION]") are no lead.
  const prose = new Set<number>();
  for (const sentence of sentences) {
    if (isLeadProse(sentence.text)) prose.add(sentence.paragraph);
    if (sentence.paragraph >= LEAD_PARAGRAPHS && prose.size > LEAD_PARAGRAPHS) break;
    // (The venue word nearest its day: "in Thursday's election", not the "Branscombe City Council" before it.)
    let best: (Venue & { gap: number }) | undefined;
    for (const venue of sentence.text.matchAll(VENUE_ALL)) {
      // "in March" is the month, not a march.
      if (venue[1] === 'March') continue;
      // "at the last general strike, on 9 October": an earlier occasion, which the story compares with, not its own.
      if (/\b(?:last|previous|earlier|prior|former)\s+(?:[a-z]+\s+)?$/i.test(sentence.text.slice(0, venue.index ?? 0))) continue;
      const at = sentence.start + (venue.index ?? 0);
      // "after Thursday's by-election": the gathering's own day, though "after" makes it an edge of a period elsewhere.
      const owned = (m: DateMention): boolean =>
        m.kind === 'weekday' &&
        /^['’]s\b/.test(sentence.text.slice(m.end - sentence.start)) &&
        /\b(?:after|following|since)\s+$/i.test(sentence.text.slice(0, m.start - sentence.start));
      const gap = (m: DateMention): number => Math.min(Math.abs(m.start - at - venue[0].length), Math.abs(at - m.end));
      const day = within(index.mentions, sentence).find(
        (m) =>
          ((!m.boundary && !m.future) || owned(m)) && (m.kind === 'weekday' || m.kind === 'date' || m.kind === 'day-offset') && gap(m) <= VENUE_DAY,
      );
      const resolved = day && resolveDate(day.kind === 'weekday' && owned(day) ? { ...day, ahead: false } : day, index.published);
      if (resolved && day && (!best || gap(day) < best.gap))
        best = {
          word: (venue[1] as string).toLowerCase(),
          asOf: { as_of: toIso(resolved.date), datePrecision: 'day', dateBasis: resolved.relative ? 'relative' : 'explicit' },
          gap: gap(day),
        };
    }
    if (best) return { word: best.word, asOf: best.asOf };
  }
  return undefined;
};

/**
 * "He told the council that ...", "told the meeting" after "the council last night approved": a sentence back at the
 * lead's gathering (any gathering word) holds on its day; so does its vote ("Councillors voted 23 to 15"), and after a
 * dated ballot ("in yesterday's referendum") its result ("won 52% of the vote", "turnout was 47%", "63% voted No").
 */
export const atVenue = (venue: Venue | undefined, sentence: Sentence): AsOf | undefined => {
  if (!venue) return undefined;
  // After a dated walkout or march, what the story tells of in the simple past happened on its day.
  if (new RegExp(String.raw`^(?:${ACTION})$`).test(venue.word))
    return SIMPLE_PAST.test(sentence.text) && !NOT_SIMPLE_PAST.test(sentence.text) ? venue.asOf : undefined;
  const ballot = new RegExp(String.raw`^(?:${BALLOT})$`).test(venue.word);
  const back = ballot
    ? /\b(?:(?:of|in)\s+the\s+vote|votes|voted|voters|turnout|ballots|ballot\s+papers|electorate)\b/i
    : new RegExp(String.raw`\b(?:(?:told|at|to|before|addressed|in)\s+(?:the|a|an)\s+(?:[\w.-]+\s+){0,3}(?:${GATHERING})|voted)\b`, 'i');
  return back.test(sentence.text) ? venue.asOf : undefined;
};
