import type { Amount, FigureMethod, ValidAt, ValidAtPrecision } from '@factledger/ledger-domain';

export const INGESTION_KINDS = ['structured', 'article'] as const;
export type IngestionKind = (typeof INGESTION_KINDS)[number];

/** The report the figures come from. Without `reportId` one is derived (see `reportIdFor`). */
export interface ReportMeta {
  reportId?: string;
  publisher: string;
  title: string;
  url?: string | null;
  /** YYYY-MM-DD; for an article it may be left out when the text carries its date. */
  publishedAt: string;
  language: string;
}

/** One figure of a structured report, flat so that JSON and CSV rows share one shape. */
export interface StructuredFigureInput {
  metricKey: string;
  /** A source id, name or alias; unknown names create a source flagged for review. */
  source: string;
  qualifier: string;
  value?: number;
  low?: number;
  high?: number;
  /** Must equal the metric's unit when given. */
  unit?: string;
  validAt: string;
  validPrecision?: ValidAtPrecision;
  statedAt?: string;
  quote: string;
  quoteOffset?: number;
  method?: FigureMethod;
  scopeNote?: string;
  /** The report says this corrects or revises an earlier figure of the same source. */
  revises?: boolean;
  reason?: string;
}

export type IngestionPayload =
  { kind: 'structured'; report: ReportMeta; figures: StructuredFigureInput[] } | { kind: 'article'; report: ReportMeta; text: string };

/** Where a rejected figure was: `line` for CSV rows (header = line 1), else `index` (0-based). */
export interface FigureLocation {
  index: number;
  line?: number;
}

/** A figure ready to be matched against the ledger. */
export interface Candidate {
  at: FigureLocation;
  /**
   * What identifies the claim in the report's text (an article's number position), so its writes are seeded by
   * the claim rather than by its place in the extractor's output; absent for structured lines (their index is it).
   */
  claim?: string;
  metricKey: string;
  sourceName: string;
  /** Nobody is credited in the article: the figure is the publisher's own (a media source). */
  sourceIsPublisher: boolean;
  amount: Amount;
  unit: string | null;
  validAt: ValidAt;
  statedAt: string | null;
  quote: string;
  quoteOffset: number | null;
  method: FigureMethod;
  scopeNote: string | null;
  revises: boolean;
  reason: string | null;
  /** An article's figure: how sure the extractor is, why it got its source and date, and whether it awaits review. */
  extraction?: CandidateExtraction;
}

export interface CandidateExtraction {
  confidence: number;
  sourceBasis: string;
  dateBasis: string | null;
  /** Below the confidence threshold: stored as a candidate for review, not written to the ledger. */
  forReview: boolean;
}

export interface Rejection extends FigureLocation {
  code: string;
  reason: string;
  /** The figure's quote, when there is one: makes article rejections findable. */
  quote?: string;
}

/** What a finished ingestion job returns (and `GET /v1/ingestions/{id}` shows). */
export interface IngestionResult {
  report: { reportId: string; created: boolean; textStored: boolean };
  /** New figures, including later-dated updates reported as new figures. */
  figuresReported: number;
  /** Of figuresReported: new figures with a later validAt than the source's previous one. */
  updates: number;
  corroborations: number;
  revisions: number;
  /** Claims the ledger already held with this report cited: nothing appended. */
  unchanged: number;
  rejected: Rejection[];
  sourcesCreated: { sourceId: string; name: string }[];
  figureIds: string[];
  /** Global position of the job's last append; null when nothing was appended. */
  lastPosition: string | null;
  /**
   * An article's figures by confidence: `confident` (at or above `threshold`, ingested as above) and
   * `forReview` (below it, stored as candidates for review: GET /v1/ingestions/{id}/candidates). Zero for structured reports.
   */
  review: { threshold: number | null; confident: number; forReview: number };
}
