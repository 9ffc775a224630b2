import { DEFAULT_MIN_CONFIDENCE, UNCLASSIFIED, extractFigures, isFirmFigure, type ExtractedFigure, type MetricPattern } from '@factledger/extraction';
import { LedgerLimits, parseAmount, parseValidAt } from '@factledger/ledger-domain';
import { isDomainError } from '@factledger/shared';
import { IngestionErrorCodes } from './payload-errors';
import type { Candidate, Rejection } from './ingestion.types';
import { saysRevised } from './revision-wording';

/** The extractor's name for "nobody credited": the figure is the publisher's own. */
export const ARTICLE_SOURCE = 'article';

export interface ArticleOptions {
  publishedAt: string;
  publisher: string;
  metrics: MetricPattern[];
  /** Figures below this calibrated confidence are kept for an editor's review (`forReview`), not written. */
  minConfidence?: number;
}

/**
 * The stated figures of an article as candidates (vague words and conversions
 * are not ledger entries); those below the confidence threshold are marked
 * `forReview`. A figure without a date holds as of publication; one nobody is
 * credited with is the publisher's.
 */
export function articleCandidates(text: string, options: ArticleOptions): (Candidate | Rejection)[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const figures = extractFigures(text, { publishedAt: options.publishedAt, metrics: options.metrics }).filter((f) => !f.vague && !f.conversion);
  const firm = (f: ExtractedFigure) => isFirmFigure(f, minConfidence);
  // A low-confidence figure no catalog metric fits is no candidate an editor could accept: left out, as before.
  const kept = figures.filter((f) => firm(f) || f.metric !== UNCLASSIFIED);
  const candidates = kept.map((figure, index) => toCandidate(figure, index, text, { ...options, forReview: !firm(figure) }));
  // In "corrected it to 1,900, not 1,500" the old value comes last; matched first, it is the figure the new one revises.
  const order = (c: Candidate | Rejection, i: number) => ('at' in c && replacedValue(text, kept[i]!) ? 0 : 1);
  return candidates
    .map((c, i) => ({ c, i, quote: kept[i]!.quoteOffset, rank: order(c, i) }))
    .sort((a, b) => a.quote - b.quote || a.rank - b.rank || a.i - b.i)
    .map(({ c }) => c);
}

// "from", "not", "instead of", "up from an earlier estimate of" right before the number: the value being replaced.
const REPLACED =
  /\b(?:from|not|instead of|rather than|previously|earlier|up from|down from)\s+(?:(?:an?|the|its|their)\s+)?(?:(?:earlier|previous|initial|original|first)\s+)?(?:(?:estimate|figure|count|number|total)\s+(?:of\s+)?)?(?:about\s+|around\s+|some\s+)?$/i;

/** A number a revision sentence names as the old value. */
export const replacedValue = (text: string, figure: Pick<ExtractedFigure, 'offset' | 'quote'>): boolean =>
  saysRevised(figure.quote) && REPLACED.test(text.slice(Math.max(0, figure.offset - 60), figure.offset));

/** The claim's identity in the text: where its number stands ("@1432"), whatever else the extractor found around it. */
export const claimOf = (figure: Pick<ExtractedFigure, 'numberOffset'>): string => `@${figure.numberOffset}`;

function toCandidate(
  figure: ExtractedFigure,
  index: number,
  text: string,
  options: { publishedAt: string; publisher: string; forReview: boolean },
): Candidate | Rejection {
  const quote = figure.quote.slice(0, LedgerLimits.quoteMax);
  if (figure.metric === UNCLASSIFIED) {
    return {
      index,
      code: IngestionErrorCodes.unclassified,
      reason: `no catalog metric fits "${figure.numberText}" (${figure.unit}${figure.noun ? `, ${figure.noun}` : ''})`,
      quote,
    };
  }
  // A date after publication is a misreading (or a forecast): the figure holds as of publication.
  const asOf = figure.as_of !== null && figure.as_of <= options.publishedAt ? figure.as_of : null;
  try {
    return {
      at: { index },
      claim: claimOf(figure),
      metricKey: figure.metric,
      sourceName: figure.source === ARTICLE_SOURCE ? options.publisher : figure.source,
      sourceIsPublisher: figure.source === ARTICLE_SOURCE,
      amount: parseAmount({ qualifier: figure.qualifier, value: figure.value, low: figure.low, high: figure.high }),
      unit: figure.unit,
      validAt: parseValidAt(asOf ? { date: asOf, precision: figure.datePrecision ?? 'day' } : { date: options.publishedAt }),
      statedAt: null,
      quote,
      quoteOffset: figure.quoteOffset,
      method: 'unknown',
      scopeNote: null,
      revises: saysRevised(figure.quote) && !replacedValue(text, figure),
      reason: null,
      extraction: { confidence: figure.confidence, sourceBasis: figure.sourceBasis, dateBasis: figure.dateBasis, forReview: options.forReview },
    };
  } catch (error) {
    if (isDomainError(error)) return { index, code: error.code, reason: error.message, quote };
    throw error;
  }
}
