import type { Paragraph } from '../text/segment-text';
import { addDays, type YMD } from './calendar';
import type { DateMention } from './date-mentions';

// A live page whose updates are headed by the time alone ("11.52pm", "00:31 GMT"), written in the order they happened.
const CLOCK_LINE = /^\s*(\d{1,2})[.:](\d{2})\s*(a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{2,5})?\s*$/i;
/** A fall of the clock by more than this many minutes is the page running past midnight, not an update set out of order. */
const ROLLOVER_DROP = 180;
/** Fewer time headings than this is a timetable or a sign-off, not a page of updates. */
const MIN_HEADINGS = 3;

const minutesOf = (m: RegExpExecArray): number | undefined => {
  const [h, min] = [Number(m[1]), Number(m[2])];
  const half = m[3]?.[0]?.toLowerCase();
  if (min > 59 || h > (half ? 12 : 23) || (half && h === 0)) return undefined;
  return (half ? (h % 12) + (half === 'p' ? 12 : 0) : h) * 60 + min;
};

/**
 * Per paragraph, the day its update was written on when the page's time headings have run past midnight: the
 * publication day plus the midnights crossed above it, as a date mention on the heading (the updates before the
 * first midnight are undefined: the publication day holds them already). Newest first, the page is read upwards from
 * its first update at the foot.
 */
export const clockHeadingDays = (text: string, paragraphs: Paragraph[], published?: YMD): (DateMention | undefined)[] => {
  const out: (DateMention | undefined)[] = paragraphs.map(() => undefined);
  if (!published) return out;
  const clocks = paragraphs.map((p) => {
    const m = CLOCK_LINE.exec(text.slice(p.start, p.end));
    return m ? minutesOf(m) : undefined;
  });
  const times = clocks.filter((c): c is number => c !== undefined);
  if (times.length < MIN_HEADINGS) return out;
  const steps = times.slice(1).map((t, i) => t - (times[i] as number));
  // Oldest first, most steps rise and a fall is a midnight; newest first, most fall and a rise is one (read upwards).
  const newestFirst = steps.filter((s) => s < 0).length * 2 > steps.length;
  const midnight = (step: number): boolean => (newestFirst ? step > ROLLOVER_DROP : -step > ROLLOVER_DROP);
  // The publication day is the first update's: at the top of an oldest-first page, at the foot of a newest-first one.
  let days = newestFirst ? steps.filter(midnight).length : 0;
  let last: number | undefined;
  let heading: DateMention | undefined;
  paragraphs.forEach((p, i) => {
    const clock = clocks[i];
    if (clock !== undefined) {
      if (last !== undefined && midnight(clock - last)) days += newestFirst ? -1 : 1;
      last = clock;
      const day = addDays(published, days);
      heading =
        days > 0 ? { kind: 'date', ...day, start: p.start, end: p.end, text: text.slice(p.start, p.end), boundary: false, future: false } : undefined;
      return;
    }
    out[i] = heading;
  });
  return out;
};
