/** How a reported number bounds the real quantity. */
export type Qualifier = 'exact' | 'approximately' | 'up_to' | 'at_least' | 'more_than' | 'range';

/** Rate units: the figure is a quantity per period (`rateOf` says of what). */
export type RateUnit = 'per_day' | 'per_week' | 'per_month' | 'per_year';

export type Unit =
  | 'troops'
  | 'people'
  | 'count'
  | 'usd'
  | 'rub'
  | 'eur'
  | 'gbp'
  | 'krw'
  | 'uah'
  | 'cny'
  | 'aud'
  | 'cad'
  | 'nzd'
  | 'hkd'
  | 'sgd'
  | 'km'
  | 'm'
  | 'miles'
  | 'km2'
  | 'mi2'
  | 'hectares'
  | 'acres'
  | 'mph'
  | 'kmh'
  | 'tonnes'
  | 'percent'
  | 'years'
  | 'months'
  | 'weeks'
  | 'days'
  | 'hours'
  | 'celsius'
  | 'fahrenheit'
  | RateUnit;

export type DatePrecision = 'day' | 'month' | 'year';

/**
 * Why a figure got its date: stated in its sentence (`explicit`), a relative day resolved against the publication
 * date (`relative`), a dated live-blog update header (`header`), its paragraph's dated opening (`paragraph`), carried
 * from the statement, gathering or lead-in it goes on with (`carried`), or the publication date (`published`).
 * A relative or publication day taken in the dateline place's zone names it: `relative@Asia/Seoul`, `published@Europe/Kyiv`.
 */
export type DateBasis = DateBasisKind | `${'relative' | 'published'}@${string}` | null;
export type DateBasisKind = 'explicit' | 'relative' | 'header' | 'paragraph' | 'carried' | 'published';

/** Why a figure got its source: credited in its sentence, through a description or pronoun resolved to a name, carried from the paragraph, list lead-in or speaker it goes on with, the issuer of a document in its own voice (a press release, briefing notes), or nobody (the article). */
export type SourceBasis = 'direct' | 'coreference' | 'carried' | 'issuer' | 'article';

export interface ExtractedFigure {
  /** Set for `exact` and `approximately`. */
  value?: number;
  /** Set for `at_least`, `more_than` and `range`. */
  low?: number;
  /** Set for `up_to` and `range`. */
  high?: number;
  qualifier: Qualifier;
  unit: Unit;
  /** For rate units: what is counted per period (people, usd, count, ...). */
  rateOf?: Unit;
  /** The quantity noun as written ("troops", "casualties", "rounds"), or "" when none. */
  noun: string;
  /** How the unit was read: a known quantity noun, another plural noun, a noun elsewhere in the clause, or none. */
  evidence: 'lexicon' | 'generic' | 'inferred' | 'none';
  /** Metric key from the catalog, or "unclassified". */
  metric: string;
  /** Canonical source (alias-resolved), "X citing Y", or "article" when nobody is credited. */
  source: string;
  /** The attribution as written, when it differs from `source`. */
  sourceText?: string;
  sourceBasis: SourceBasis;
  /** For `coreference`: the chain from the words in the sentence to the name ("the agency" → "Cal Fire"). */
  sourceChain?: string[];
  /** Verbatim clause/sentence holding the number: text.slice(quoteOffset, quoteOffset + quote.length). */
  quote: string;
  quoteOffset: number;
  /** The number's surface form ("about 8,000", "Rbs3mn", "tens of thousands"). */
  numberText: string;
  offset: number;
  /** Where the number itself starts (without qualifier words): with the text, what identifies the claim. */
  numberOffset: number;
  /** ISO date the figure refers to (month precision uses day 01), or null. */
  as_of: string | null;
  datePrecision: DatePrecision | null;
  dateBasis: DateBasis;
  /** 0..1: how sure we are this is a reported figure with the fields right. */
  confidence: number;
  /** Vague quantity words ("thousands", "tens of thousands"): a conventional bound, not a stated number. */
  vague: boolean;
  /** A bracketed or "or about" conversion of the preceding figure into another currency/unit. */
  conversion?: boolean;
  /** Offsets of later verbatim repeats of the same claim that were folded into this figure. */
  otherMentions?: number[];
}

/**
 * A metric of the catalog. All regexes are JavaScript regex sources, matched
 * case-insensitively:
 * - `patterns`: every one must match the figure's sentence (or, failing
 *   that, the sentence together with the one before it, for "those soldiers").
 * - `local`: every one must match the figure's own stretch of the sentence
 *   (between the neighbouring figures), so "1.3 million active soldiers and
 *   7.5 million on reserve" classifies each number separately.
 * - `exclude`: none may match the figure's own stretch.
 * - `noun`: must match the figure's quantity noun ("rounds", "containers").
 * - `unit`: the figure's unit must equal it ("a|b" lists alternatives).
 * The most specific matching metric wins (local and noun patterns weigh double).
 */
export interface MetricPattern {
  key: string;
  unit?: string;
  patterns: string[];
  local?: string[];
  exclude?: string[];
  noun?: string;
}

/** Canonical source name and the spellings that refer to it (matched as whole words, case-insensitive). */
export interface SourceAlias {
  name: string;
  aliases: string[];
}

export interface ExtractOptions {
  /** Publication date, YYYY-MM-DD; relative dates resolve against it. */
  publishedAt?: string;
  /** Metric catalog; defaults to DEFAULT_METRIC_PATTERNS. */
  metrics?: MetricPattern[];
  sources?: SourceAlias[];
  /**
   * The latest day the article can have been published (YYYY-MM-DD), such as the day it is read. Only used to
   * place a yearless wire dateline ("SEOUL, Nov. 20 (Yonhap) --") when the story names no year at all.
   */
  notAfter?: string;
  /** Percentages are extracted unless this is false. */
  includePercentages?: boolean;
}
