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
