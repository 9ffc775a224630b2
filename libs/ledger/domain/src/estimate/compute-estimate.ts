import type { Estimate, EstimateInput, EstimateOptions, EstimateSourceRow } from './estimate.types';
import { midpoint, normaliseAmount } from './normalise-amount';

/** Bump whenever the algorithm below changes its output; stored with every estimate. */
export const ESTIMATE_ALGORITHM_VERSION = 1;

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const compareBigInts = (a: string, b: string) => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Newer first: later validAt.date, then later recordedPosition, then figureId (a fixed, arbitrary tie-break). */
const newestFirst = (a: EstimateInput, b: EstimateInput) =>
  compareStrings(b.validAt.date, a.validAt.date) || compareBigInts(b.recordedPosition, a.recordedPosition) || compareStrings(a.figureId, b.figureId);

const median = (sorted: number[]): number => {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : midpoint(sorted[middle - 1], sorted[middle]);
};

/**
 * Consensus estimate for one metric, algorithm version 1.
 *
 * 1. Drop retracted figures and, when `asOf` is given, figures whose
 *    `validAt.date` is after it.
 * 2. One figure per source: the one with the latest `validAt.date`; ties go to
 *    the latest `recordedPosition` (compared as BigInt), then the smallest figureId.
 *    A source is one voice however often it repeats itself.
 * 3. With `excludeParties`, drop sources that are party to the conflict.
 * 4. Normalise each amount to a point and bounds: exact/approximately → the
 *    value; up_to → point = high (no low bound); at_least/more_than → point =
 *    low (no high bound); range → point = midpoint of low and high.
 * 5. consensus = median of the points (mean of the two middle points when the
 *    count is even); low = min over each source's low bound, or its point when
 *    it has none; high = max over each source's high bound, or its point.
 *    No sources → consensus, low and high are null.
 * 6. Rows are sorted by point, then sourceId; `figureIds` follows that order.
 *
 * The result depends only on the inputs' values, never on their order.
 */
export const computeEstimate = (inputs: readonly EstimateInput[], options: EstimateOptions = {}): Estimate => {
  const excludeParties = options.excludeParties ?? false;
  const asOf = options.asOf ?? null;

  const latestPerSource = new Map<string, EstimateInput>();
  for (const input of [...inputs].sort(newestFirst)) {
    if (input.retracted) continue;
    if (asOf !== null && input.validAt.date > asOf) continue;
    if (!latestPerSource.has(input.sourceId)) latestPerSource.set(input.sourceId, input);
  }

  const sources: EstimateSourceRow[] = [...latestPerSource.values()]
    .filter((input) => !(excludeParties && input.partyToConflict))
    .map((input) => ({
      sourceId: input.sourceId,
      figureId: input.figureId,
      partyToConflict: input.partyToConflict,
      amount: input.amount,
      validAt: input.validAt,
      ...normaliseAmount(input.amount),
      recordedPosition: input.recordedPosition,
      recordedAt: input.recordedAt,
    }))
    .sort((a, b) => a.point - b.point || compareStrings(a.sourceId, b.sourceId));

  const points = sources.map((row) => row.point);
  const lows = sources.map((row) => row.low ?? row.point);
  const highs = sources.map((row) => row.high ?? row.point);
  const any = sources.length > 0;

  return {
    algorithmVersion: ESTIMATE_ALGORITHM_VERSION,
    consensus: any ? median(points) : null,
    low: any ? lows.reduce((a, b) => Math.min(a, b)) : null,
    high: any ? highs.reduce((a, b) => Math.max(a, b)) : null,
    sourceCount: sources.length,
    sources,
    figureIds: sources.map((row) => row.figureId),
    excludeParties,
    asOf,
  };
};
