import type { Amount } from '../figure/amount';
import type { ValidAt } from '../figure/valid-at';

/** One figure's current version, as the projection feeds it to the estimate. */
export interface EstimateInput {
  figureId: string;
  sourceId: string;
  partyToConflict: boolean;
  amount: Amount;
  validAt: ValidAt;
  /** Global position of the event that set this version (bigint as a decimal string). */
  recordedPosition: string;
  /** ISO timestamp of that event; carried through for display only. */
  recordedAt: string;
  /** Retracted figures never count; default false. */
  retracted?: boolean;
  /** The source awaits verification by an editor (its review flag at the basis); version 1 ignores it. Default false. */
  needsReview?: boolean;
}

export interface EstimateOptions {
  /** Drop sources that are party to the conflict. Default false. */
  excludeParties?: boolean;
  /** Only consider figures valid on or before this date (YYYY-MM-DD). Default: no limit. */
  asOf?: string | null;
}

/** The one figure retained for a source, with its normalised amount. */
export interface EstimateSourceRow {
  sourceId: string;
  figureId: string;
  partyToConflict: boolean;
  amount: Amount;
  validAt: ValidAt;
  point: number;
  low: number | null;
  high: number | null;
  recordedPosition: string;
  recordedAt: string;
}

export interface Estimate {
  algorithmVersion: number;
  /** Median of the per-source points; null when no source qualifies. */
  consensus: number | null;
  /** Smallest low bound (or point when a source gives no low bound). */
  low: number | null;
  /** Largest high bound (or point when a source gives no high bound). */
  high: number | null;
  sourceCount: number;
  /** One row per source, ascending point, ties by sourceId. */
  sources: EstimateSourceRow[];
  /** The figures behind the estimate, in the order of `sources`. */
  figureIds: string[];
  excludeParties: boolean;
  asOf: string | null;
}

/** Why algorithm version 2 left a source's figure out. */
export type EstimateExclusionReason = 'source.unverified' | 'source.party_to_conflict';

/** A figure the estimate would have counted, left out: one per source, the figure that source would have contributed. */
export interface ExcludedFigure {
  figureId: string;
  sourceId: string;
  reason: EstimateExclusionReason;
}

export interface EstimateV2Options extends EstimateOptions {
  /** Count sources still awaiting verification too. Default false. */
  includeUnverified?: boolean;
}

/** Version 2: version 1 over the figures of verified sources, saying what it left out. */
export interface EstimateV2 extends Omit<Estimate, 'algorithmVersion' | 'sources'> {
  algorithmVersion: 2;
  /** As in version 1, each with whether its source was verified at the basis. */
  sources: (EstimateSourceRow & { verified: boolean })[];
  includeUnverified: boolean;
  /** Ascending sourceId. */
  excluded: ExcludedFigure[];
}
