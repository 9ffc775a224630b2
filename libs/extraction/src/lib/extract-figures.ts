import { createCreditTracker } from './attribution/credit-tracker';
import { nameWordHeads, withNameWords } from './attribution/name-word-heads';
import { findAttributions } from './attribution/find-attributions';
import { resolveSource } from './attribution/resolve-source';
import { sameSource } from './attribution/same-source';
import { parseIso, toIso } from './dates/calendar';
import { findDateMentions } from './dates/date-mentions';
import { buildDateIndex, findAsOf, type AsOf } from './dates/find-as-of';
import { namesEventDay, saidOn } from './dates/said-on';
import { atVenue, leadVenue } from './dates/lead-venue';
import { targetBefore } from './dates/forecast-target';
import { restated, wholeOf } from './dates/part-of';
import { respectiveYear } from './dates/respectively';
import { financialYearEnd, fullYearEnd } from './dates/financial-year';
import { fiscalClose, fiscalLabel } from './dates/fiscal-labels';
import {
  CLOCK_TIME,
  endsNamedPeriod,
  findStoryPeriod,
  headingPeriod,
  leadEnd,
  referenceDay,
  PERIOD_ANAPHOR,
  periodDate,
  underStoryPeriod,
} from './dates/reference-period';
import { estimateReportDate } from './dates/infer-year';
import { backdate, carried, dayBefore, NOT_PAST, ONGOING, PAST, perfectOnly } from './dates/carried-dates';
import { zonedBasis } from './dates/dateline-zone';
import { dateByNeighbours } from './dates/document-passes';
import { findPublication } from './dates/publication-date';
import { scoreConfidence } from './figures/confidence';
import { dedupeFigures } from './figures/dedupe-figures';
import {
  borrowUnit,
  isConversion,
  isTitleLike,
  millionsBySibling,
  quoteOf,
  rateByAnaphora,
  shareNoun,
  splitBetween,
  wordsEnd,
  type Reading,
} from './figures/figure-context';
import { findUnit } from './figures/find-unit';
import { normalise } from './figures/normalise';
import { findQualifier } from './figures/qualifiers';
import { classifyMetric } from './metrics/classify-metric';
import { DEFAULT_METRIC_PATTERNS } from './metrics/default-metric-patterns';
import { furnitureSpans, ignoreReason } from './numbers/ignore-rules';
import { scanNumbers, type NumberMention } from './numbers/scan-numbers';
import { quotationSpans } from './text/quotations';
import { clauseAt, segmentText, type Paragraph } from './text/segment-text';
import type { ExtractedFigure, ExtractOptions } from './types';
import { isBulletLine, lineStartsOf } from './text/bullet-lines';

const ARTICLE = 'article';
// "An earlier version of this article said", "this story reported": the article speaking of itself (a correction note).
const SELF_REFERENCE =
  /^(?:(?:an?|the)\s+)?(?:(?:earlier|previous|original)\s+(?:version|edition)\s+of(?:\s+(?:this|the)\s+(?:article|story|report))?|(?:this|the)\s+(?:article|story))$/i;
/** How many sentences back "the number" or "of them" may refer. */
const ANAPHORA_SENTENCES = 3;
// "has launched 2,000 since ...": a running total holds as of the reporting, not the day of the statement before it.
const PRESENT_PERFECT = /\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|t)\b/i;

const LEAD_PARAGRAPHS = 3;
// "Its shares fell 4.2%", "Temperatures reached 24C", "Councillors voted 23 to 15", "At that rate, …": the article's own lines.
const OWN_LINES = /\b(?:shares?|stocks?|temperatures?|voted)\b|^(?:At\s+that\s+rate|That\s+(?:means|implies|would))\b/i;
// "the 1.5 million it disclosed last month": the month dates an earlier statement of the figure, not a data period.
const DISCLOSED_THEN = /^[^.;]{0,40}?\b(?:disclosed|reported|announced|said|gave|published|estimated|put\s+it)\s+(?:in|last|earlier)\b/i;
/** The day a source's statement or event was dated, while the story goes on with it. */
interface Statement {
  source: string;
  asOf: AsOf;
  paragraph: number;
}

/**
 * Extracts the reported figures of an article: every number that counts
 * something, with its bounds, unit, source, date and the clause it stands in.
 * Pure: the publication date comes from options or the article's header.
 */
export const extractFigures = (text: string, options: ExtractOptions = {}): ExtractedFigure[] => {
  const dateMentions = findDateMentions(text);
  // An explicit publication date wins over the header; without a publication line, the latest day the story names stands in for it.
  const stated = parseIso(options.publishedAt);
  const publication = stated ? undefined : findPublication(text, parseIso(options.notAfter), dateMentions);
  const published = stated ?? publication?.date ?? estimateReportDate(text, dateMentions);
  const catalog = options.metrics ?? DEFAULT_METRIC_PATTERNS;
  const aliases = options.sources ?? [];
  const { paragraphs, sentences } = segmentText(text);
  const dates = buildDateIndex(text, paragraphs, dateMentions, published);
  const blocked = [...dateMentions, ...furnitureSpans(text)];
  const mentions = scanNumbers(text).filter((m) => !ignoreReason(m, { text, blocked }));
  const heads = nameWordHeads(text);
  const attributions = sentences.map((s) => withNameWords(s, findAttributions(s), heads));
  const credits = createCreditTracker({ text, paragraphs, sentences, attributions, quotes: paragraphs.map((p) => quotationSpans(text, p)) });

  const figures: ExtractedFigure[] = [];
  const lineStarts = lineStartsOf(text);
  const headlines = new Set<number>();
  const bullets = new Set<number>();
  let statement: Statement | undefined;
  // The month a data release's lead figure covers ("added 118,000 jobs in February"): its later figures cover it too.
  let releasedBy: { source: string; sourceText?: string } | undefined;
  let lastSource: { source: string; sourceText?: string } | undefined;
  let paragraphSource: { source: { source: string; sourceText?: string }; paragraph: number } | undefined;
  const venue = leadVenue(dates, sentences);
  const lead = Math.max(LEAD_PARAGRAPHS, leadEnd(text, paragraphs));
  let period: AsOf | undefined = headingPeriod(dates, text, paragraphs);
  const financialYear = financialYearEnd(text, dateMentions);
  const story = findStoryPeriod(text, paragraphs, lead, dateMentions, published);
  let cursor = 0;
  for (const sentence of sentences) {
    while (cursor < mentions.length && (mentions[cursor] as NumberMention).start < sentence.start) cursor++;
    const inSentence: NumberMention[] = [];
    for (let j = cursor; j < mentions.length && (mentions[j] as NumberMention).start < sentence.end; j++) {
      if ((mentions[j] as NumberMention).end <= sentence.end) inSentence.push(mentions[j] as NumberMention);
    }
    const found: Reading[] = inSentence.map((m, i) => ({
      m,
      unit: findUnit(text, m, clauseAt(sentence, m.start), wordsEnd(text, m, inSentence[i + 1])),
    }));
    const readings: Reading[] = shareNoun(text, found).map((r) => ({ ...r, unit: millionsBySibling(r, found) }));
    const titleLike = isTitleLike(text, paragraphs[sentence.paragraph] as Paragraph);
    const conversions: boolean[] = [];
    readings.forEach(({ m, unit }, i) => {
      if (unit.unit === 'percent' && options.includePercentages === false) return;
      const clause = clauseAt(sentence, m.start);
      const qualifier = findQualifier(text, m, clause.start);
      const since = sentences[sentence.index - ANAPHORA_SENTENCES]?.start ?? 0;
      const reading = rateByAnaphora(borrowUnit(text, m, unit, clause, figures, since), sentence, figures);

      const credit = credits.credit(sentence, m.start, clause);
      // "Air defences shot down 66 of them": a number pointing back to a credited figure shares its credit.
      const raw = credit.raw && !SELF_REFERENCE.test(credit.raw) ? credit.raw : undefined;
      let resolved = raw ? resolveSource(raw, text, sentence.start, aliases) : (reading.refersTo ?? { source: ARTICLE });
      let sourceBasis = raw ? credit.basis : resolved.source === ARTICLE ? 'article' : 'carried';
      // "according to the same source" after figures credited with no attribution of their own: their source.
      if (/^(?:the\s+)?same\s+source$/i.test(resolved.source) && lastSource) [resolved, sourceBasis] = [lastSource, 'coreference'];
      let asOf = findAsOf(
        dates,
        m.start,
        sentence,
        clause,
        inSentence.filter((o) => o !== m),
        parseIso(period?.as_of ?? undefined),
      );
      // A list item without a date of its own holds as of its lead-in.
      if (credit.leadIn && (asOf.dateBasis === 'published' || asOf.dateBasis === null))
        asOf = carried(findAsOf(dates, credit.leadIn.end, credit.leadIn, credit.leadIn));
      if (credit.explainedBy && asOf.dateBasis === 'published')
        asOf = carried(findAsOf(dates, credit.explainedBy.start, credit.explainedBy, credit.explainedBy));
      // "X said on Thursday that ... He added that 38,000 ...": what is added was said on the same day.
      if (credit.carriedFrom && asOf.dateBasis === 'published')
        asOf = carried(saidOn(dates, credit.carriedFrom.sentence, credit.carriedFrom.anchor)) ?? asOf;
      // "X told the UN Security Council on Friday that ... / He told the council that 19 ...": the same gathering, the same day.
      if (asOf.dateBasis === 'published' && !PRESENT_PERFECT.test(text.slice(clause.start, clause.end)))
        asOf = carried(atVenue(venue, sentence)) ?? asOf;
      // "X separated 58 minutes after lift-off, Y told a briefing on Wednesday. A ground station picked up its signal 20 minutes
      // later": a past-tense sentence with no date of its own goes on with the day of the sentence before it in its paragraph.
      if (asOf.dateBasis === 'published' && PAST.test(sentence.text) && !NOT_PAST.test(sentence.text) && !ONGOING.test(sentence.text))
        asOf = carried(dayBefore(figures, sentences[sentence.index - 1], sentence.paragraph, period)) ?? asOf;
      asOf =
        respectiveYear(
          sentence,
          inSentence.map((o) => o.start),
          m.start,
        ) ?? asOf;
      asOf = fullYearEnd(financialYear, text.slice(clause.start, clause.end), published) ?? asOf;
      asOf = fiscalLabel(text, clause, m.start, financialYear ?? fiscalClose(text, period, story), asOf) ?? asOf;
      asOf = periodDate(dates, text, period, asOf, clause, sentence, paragraphs[lead]?.start ?? text.length) ?? asOf;
      if (asOf.dateBasis === 'published') asOf = restated(figures, sentence.text, sentences[sentence.index - 1], sentence.paragraph) ?? asOf;
      // "340 of those days": when the whole holds ("400 of them so far" holds now).
      if (asOf.dateBasis === 'published' && !/\b(?:so\s+far|to\s+date|now|currently|still|yet)\b/i.test(text.slice(clause.start, clause.end)))
        asOf = wholeOf(figures, text.slice(m.end, m.end + 30), sentences[sentence.index - 1]?.start ?? 0) ?? asOf;
      if (asOf.dateBasis === 'published')
        asOf =
          targetBefore(figures, text.slice(clause.start, clause.end), sentences[sentence.index - 1], sentence.paragraph, asOf.as_of ?? undefined) ??
          asOf;
      const disclosed = DISCLOSED_THEN.test(text.slice(m.end, clause.end));
      // "covering the 12 months to 30 June": a period the lead names by its end is the story's, as a lead's month is.
      const namedPeriod = !period && sentence.paragraph < lead && endsNamedPeriod(dates, sentence, asOf);
      const ongoing = ONGOING.test(text.slice(clause.start, clause.end)) || CLOCK_TIME.test(text.slice(clause.start, clause.end));
      if (
        !period &&
        !disclosed &&
        (namedPeriod ||
          (sentence.paragraph < LEAD_PARAGRAPHS &&
            asOf.datePrecision === 'month' &&
            (asOf.dateBasis === 'explicit' || asOf.dateBasis === 'relative')) ||
          (sentence.paragraph < lead && credits.issuer !== undefined && referenceDay(asOf, published)))
      ) {
        period = asOf;
        releasedBy = resolved.source === ARTICLE ? undefined : resolved;
        // "X lost £23.5m, its accounts show. / The accounts, covering the 12 months to 30 June, ...": the lead's figure before it too.
        if (namedPeriod) backdate(figures, paragraphs[sentence.paragraph - 1]?.start ?? 0, asOf);
      } else if (period && asOf.dateBasis === 'published' && PERIOD_ANAPHOR.test(text.slice(clause.start, clause.end))) {
        asOf = carried(period);
      } else if (
        period &&
        asOf.dateBasis === 'published' &&
        (!ongoing || (sourceBasis === 'issuer' && perfectOnly(text.slice(clause.start, clause.end))))
      ) {
        // The release's later figures cover its period and come from it, unless another source says them ("the Home Office said").
        // The issuer's own document covers its period too, whether it says so or not ("the Company said").
        const fromRelease =
          resolved.source === ARTICLE || [releasedBy?.source, credits.issuer].some((by) => by !== undefined && sameSource(by, resolved.source));
        if (fromRelease) asOf = carried(period);
        if (fromRelease && resolved.source === ARTICLE && releasedBy) {
          resolved = releasedBy;
          sourceBasis = 'carried';
        }
      }
      asOf = underStoryPeriod(story, { text, clause, at: m.start, sentence, mentions: dateMentions, published, paragraphs }, asOf);
      // "On Tuesday, Russia fired 91 drones, the air force said. / The air force said its crews shot down 62": a paragraph
      // going on with the same source's statement, with no date of its own, keeps the day the lead gave it.
      // An issuer's voice runs through its whole document, dated by it, not by one statement's day.
      if (resolved.source !== ARTICLE && sourceBasis !== 'issuer') {
        const same = statement !== undefined && sameSource(statement.source, resolved.source) && sentence.paragraph - statement.paragraph <= 1;
        if (same && statement && asOf.dateBasis === 'published' && !PRESENT_PERFECT.test(text.slice(clause.start, clause.end))) {
          asOf = carried(statement.asOf) ?? asOf;
          statement.paragraph = sentence.paragraph;
        } else if (namesEventDay(dates, sentence, asOf)) statement = { source: resolved.source, asOf, paragraph: sentence.paragraph };
        else if (!same) statement = undefined;
      }

      // An uncredited figure goes on with the source credited last in its paragraph: annotators, and readers, take a
      // paragraph's unattributed figures as its source's ("The Forestry Service said 41 homes burned. Volunteers fed 28 horses.");
      // not the article's own market, weather, vote or arithmetic lines.
      if (
        resolved.source === ARTICLE &&
        sourceBasis === 'article' &&
        credit.raw === undefined &&
        paragraphSource?.paragraph === sentence.paragraph &&
        !OWN_LINES.test(sentence.text)
      ) {
        resolved = paragraphSource.source;
        sourceBasis = 'carried';
      }
      if (resolved.source !== ARTICLE) paragraphSource = { source: resolved, paragraph: sentence.paragraph };
      if (resolved.source !== ARTICLE) lastSource = resolved;
      const prev = readings[i - 1];
      const next = readings[i + 1];
      const from = prev ? splitBetween(text, prev.unit.nounEnd, m.start) : clause.start;
      const to = next ? splitBetween(text, unit.nounEnd, next.m.start) : clause.end;
      const local = text.slice(Math.max(clause.start, from), Math.min(clause.end, Math.max(to, unit.nounEnd)));
      const metric = classifyMetric(
        { unit: reading.unit, noun: reading.noun, sentence: sentence.text, previous: sentences[sentence.index - 1]?.text ?? '', local },
        catalog,
      );
      const conversion = prev !== undefined && isConversion(text, prev, { m, unit: reading }, conversions[i - 1]);
      conversions[i] = conversion;
      const quote = quoteOf(text, clause, dates.paragraphDates[sentence.paragraph]);
      if (titleLike) headlines.add(qualifier.start);
      if (isBulletLine(text, lineStarts, qualifier.start)) bullets.add(qualifier.start);
      figures.push({
        ...normalise(qualifier.qualifier, reading.value, reading.high),
        qualifier: qualifier.qualifier,
        unit: reading.unit,
        ...(reading.rateOf ? { rateOf: reading.rateOf } : {}),
        noun: reading.noun,
        evidence: reading.evidence,
        metric,
        source: resolved.source,
        ...(resolved.sourceText ? { sourceText: resolved.sourceText } : {}),
        sourceBasis,
        ...(credit.chain ? { sourceChain: [...credit.chain.slice(0, -1), resolved.source] } : {}),
        quote: text.slice(quote.start, quote.end),
        quoteOffset: quote.start,
        numberText: text.slice(qualifier.start, qualifier.end),
        offset: qualifier.start,
        numberOffset: m.start,
        ...asOf,
        dateBasis: zonedBasis(asOf.dateBasis, publication?.zone),
        confidence: scoreConfidence({
          evidence: reading.evidence,
          unit: reading.unit,
          word: m.word,
          vague: m.kind === 'vague',
          sourced: resolved.source !== ARTICLE,
          qualifier: qualifier.qualifier,
          conversion,
          value: reading.value,
          dated: asOf.dateBasis !== null && asOf.dateBasis !== 'published',
        }),
        vague: m.kind === 'vague',
        ...(conversion ? { conversion } : {}),
      });
    });
    credits.finish(sentence);
  }
  dateByNeighbours(figures, text, paragraphs, dates, published ? toIso(published) : undefined);
  return dedupeFigures(figures, headlines, bullets);
};
