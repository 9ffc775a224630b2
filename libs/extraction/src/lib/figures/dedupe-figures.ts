import { basisKind } from '../dates/dateline-zone';
import type { ExtractedFigure } from '../types';

const ARTICLE = 'article';

// "3,214", "86,500", "71.4%": a number with three significant digits or more rarely comes back by chance in one story,
// so its repeat is the same claim whatever date or credit the repeat's own sentence gave it.
const significantDigits = (n: number | undefined): number =>
  n === undefined ? 0 : String(Math.abs(n)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
const specific = (f: ExtractedFigure): boolean => Math.max(significantDigits(f.value), significantDigits(f.low), significantDigits(f.high)) >= 3;
const sameClaim = (a: ExtractedFigure, b: ExtractedFigure): boolean =>
  a.value === b.value &&
  a.low === b.low &&
  a.high === b.high &&
  a.unit === b.unit &&
  (specific(a) ||
    (a.qualifier === b.qualifier &&
      (a.as_of === b.as_of || basisKind(a.dateBasis) === 'published' || basisKind(b.dateBasis) === 'published') &&
      sourcesAgree(a.source, b.source)));

// Memoised per source string (emptied by each dedupeFigures call): a long article compares each figure with every kept one of the same numbers.
const wordsOf = new Map<string, Set<string>>();
const sourceWords = (s: string): Set<string> => {
  let words = wordsOf.get(s);
  if (!words) {
    words = new Set(
      s
        .toLowerCase()
        .match(/[a-z]{3,}/g)
        ?.filter((w) => !['the', 'and', 'citing'].includes(w)) ?? [],
    );
    wordsOf.set(s, words);
  }
  return words;
};
const within = (a: Set<string>, b: Set<string>): boolean => a.size > 0 && [...a].every((w) => b.has(w));

/** The same source named shorter or longer: "Pentagon" and "Pentagon deputy press secretary Sabrina Singh". */
const sourcesAgree = (a: string, b: string): boolean => {
  if (a === b || a === ARTICLE || b === ARTICLE) return true;
  const [wa, wb] = [sourceWords(a), sourceWords(b)];
  return within(wa, wb) || within(wb, wa);
};

const numbers = (f: ExtractedFigure): string => [f.value ?? f.low ?? f.high, f.high].join('/');

/** A headline or caption restates a body figure, dropping its qualifier and often its source. */
const headlineRepeat = (headline: ExtractedFigure, body: ExtractedFigure): boolean =>
  numbers(headline) === numbers(body) &&
  (headline.unit === body.unit || (headline.noun === '' && headline.unit === 'count')) &&
  (headline.qualifier === 'exact' || headline.qualifier === body.qualifier);

/**
 * Folds repeats of a claim into one figure (the others' offsets go to
 * `otherMentions`). The article restating a credited figure (in a headline,
 * a caption, a summary) is a repeat, and the credited mention is kept; the
 * same number credited to someone else in the body is corroboration and stays
 * a figure of its own.
 */
/** A bulleted recap ("BY THE NUMBERS") restates a body figure with the same credit, dropping its qualifier and date. */
const recapRepeat = (recap: ExtractedFigure, body: ExtractedFigure): boolean =>
  numbers(recap) === numbers(body) &&
  (recap.qualifier === 'exact' || recap.qualifier === body.qualifier) &&
  recap.source !== ARTICLE &&
  body.source !== ARTICLE &&
  sharedWords(recap.source, body.source);

const stem = (w: string): string => w.replace(/['’]s$/, '').replace(/(?<=ia)n$/, '');
/** "Russia's defence ministry" and "the Russian Ministry of Defence": half the words of the shorter name in common. */
const sharedWords = (a: string, b: string): boolean => {
  const [wa, wb] = [a, b].map(
    (s) => new Set((s.toLowerCase().match(/[a-z'’]{3,}/g) ?? []).map(stem).filter((w) => !['the', 'and', 'citing'].includes(w))),
  );
  if (!wa?.size || !wb?.size) return false;
  return [...wa].filter((w) => wb.has(w)).length >= Math.min(wa.size, wb.size) / 2;
};

export const dedupeFigures = (
  figures: ExtractedFigure[],
  headlines: ReadonlySet<number> = new Set(),
  bullets: ReadonlySet<number> = new Set(),
): ExtractedFigure[] => {
  const kept: ExtractedFigure[] = [];
  wordsOf.clear();
  // Candidates share their numbers, so index by those to stay linear on long texts.
  const byNumbers = new Map<string, number[]>();
  for (const figure of figures) {
    const key = numbers(figure);
    const slots = byNumbers.get(key) ?? byNumbers.set(key, []).get(key) ?? [];
    const i = slots.find((j) => {
      const k = kept[j] as ExtractedFigure;
      return (
        sameClaim(k, figure) ||
        (headlines.has(k.offset) && !headlines.has(figure.offset) && headlineRepeat(k, figure)) ||
        (bullets.has(figure.offset) && !bullets.has(k.offset) && recapRepeat(figure, k))
      );
    });
    const first = i === undefined ? undefined : kept[i];
    if (i === undefined || !first) {
      slots.push(kept.length);
      kept.push(figure);
      continue;
    }
    const later = headlines.has(first.offset) || (first.source === ARTICLE && figure.source !== ARTICLE);
    const [primary, repeat] = later ? [figure, first] : [first, figure];
    // The article's restatement keeps the credit its repeat carried (a headline "X says ...").
    const credit =
      primary.source === ARTICLE && repeat.source !== ARTICLE
        ? { source: repeat.source, ...(repeat.sourceText ? { sourceText: repeat.sourceText } : {}) }
        : {};
    kept[i] = {
      ...primary,
      ...credit,
      otherMentions: [...(first.otherMentions ?? []), ...(figure.otherMentions ?? []), repeat.offset].sort((a, b) => a - b),
    };
  }
  return foldAnaphoricRepeats(foldRoundedSummaries(kept, headlines, bullets)).sort((a, b) => a.offset - b.offset);
};

// "monitoring network finds": a headline credits its source by a description that the body names.
const describes = (source: string): boolean => !/[A-Z]/.test(source);

/** "3%" over a body's "3.1%": the body figure written to the summary's decimal places. */
const roundsTo = (body: number, summary: number): boolean => {
  const places = (String(summary).split('.')[1] ?? '').length;
  return (String(body).split('.')[1] ?? '').length > places && Math.round(body * 10 ** places) / 10 ** places === summary;
};

const single = (f: ExtractedFigure): number | undefined => (f.high === undefined || f.high === null ? (f.value ?? f.low ?? undefined) : undefined);

/**
 * "- Russian casualties near 720,000, General Staff reports" over a body's "Russia has lost 719,580 troops":
 * a headline or bullet rounding a body figure (within 1%, same unit, same or no credit) is a mention of it, and so is
 * one written to fewer decimal places ("shed 3%" over "lost 3.1%").
 */
const foldRoundedSummaries = (kept: ExtractedFigure[], headlines: ReadonlySet<number>, bullets: ReadonlySet<number>): ExtractedFigure[] => {
  const summary = (f: ExtractedFigure): boolean => headlines.has(f.offset) || bullets.has(f.offset);
  const dropped = new Set<ExtractedFigure>();
  const out = [...kept];
  for (const s of kept) {
    const n = single(s);
    if (!summary(s) || n === undefined || (s.qualifier !== 'approximately' && s.qualifier !== 'exact')) continue;
    const i = out.findIndex((b) => {
      const m = single(b);
      return (
        !summary(b) &&
        !dropped.has(b) &&
        m !== undefined &&
        m !== n &&
        (s.qualifier === 'exact' ? roundsTo(m, n) : Math.abs(m - n) <= 0.01 * m) &&
        b.unit === s.unit &&
        (sourcesAgree(s.source, b.source) || sharedWords(s.source, b.source) || describes(s.source))
      );
    });
    const body = out[i];
    if (!body) continue;
    out[i] = { ...body, otherMentions: [...(body.otherMentions ?? []), s.offset, ...(s.otherMentions ?? [])].sort((a, b) => a - b) };
    dropped.add(s);
  }
  return out.filter((f) => !dropped.has(f));
};

// "The number of cases has risen to 47 ... the total had reached 47 by Monday": "the total" points back to a figure just given.
const POINTS_BACK = /\bthe\s+(?:total|tally|toll|count|figure|number)\s+(?:\w+\s+){0,3}$/i;
/** How far back (in characters) "the total" may point. */
const POINT_BACK_REACH = 600;
// "The 612 unsheltered number feels low", "Our 495 is what ESA pays", "The company's 38,000 is what it recalled": a number
// after a definite determiner names a figure the text already gave, wherever it gave it.
// (Not "the 0.4% fall first reported": the old figure of a revision is a claim of its own.)
const DEFINITE = /(?:^|[^\w'’])(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir|[A-Z][\w-]*['’]s)\s+[£$€]?$/;
const FIRST_GIVEN =
  /^\S*\s+(?:\w+\s+)?(?:(?:it\s+|that\s+)?(?:first|originally|initially|previously|earlier)\b|(?:it\s+)?(?:had\s+)?(?:first\s+)?(?:reported|published|announced)\s+(?:earlier|before|last))/i;
const DEFINITE_REACH = 5000;

/** A figure with no noun of its own, named only as "the total", that equals the figure just before it, is a mention of it. */
const foldAnaphoricRepeats = (kept: ExtractedFigure[]): ExtractedFigure[] => {
  const sorted = [...kept].sort((a, b) => a.offset - b.offset);
  const dropped = new Set<ExtractedFigure>();
  sorted.forEach((f, i) => {
    const before = f.quote.slice(0, f.offset - f.quoteOffset);
    const named = f.qualifier === 'exact' && DEFINITE.test(before) && !FIRST_GIVEN.test(f.quote.slice(f.offset - f.quoteOffset));
    if (!named && (f.evidence === 'lexicon' || f.qualifier !== 'exact' || !POINTS_BACK.test(before))) return;
    const reach = named ? DEFINITE_REACH : POINT_BACK_REACH;
    const sameFigure = (e: ExtractedFigure): boolean =>
      !dropped.has(e) && numbers(e) === numbers(f) && (e.unit === f.unit || (named && (f.unit === 'count' || f.evidence !== 'lexicon')));
    // Walk back only as far as the reach: the figures are sorted by offset, so a long text costs no more per figure.
    let k = i - 1;
    while (k >= 0 && f.offset - (sorted[k] as ExtractedFigure).offset <= reach && !sameFigure(sorted[k] as ExtractedFigure)) k--;
    const earlier = k >= 0 && f.offset - (sorted[k] as ExtractedFigure).offset <= reach ? (sorted[k] as ExtractedFigure) : undefined;
    if (!earlier) return;
    sorted[k] = { ...earlier, otherMentions: [...(earlier.otherMentions ?? []), f.offset, ...(f.otherMentions ?? [])].sort((a, b) => a - b) };
    dropped.add(f);
  });
  return sorted.filter((f) => !dropped.has(f));
};
