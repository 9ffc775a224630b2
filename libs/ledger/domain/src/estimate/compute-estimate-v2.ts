import { computeEstimate } from './compute-estimate';
import type { Estimate, EstimateInput, EstimateOptions, EstimateSourceRow, EstimateV2, EstimateV2Options, ExcludedFigure } from './estimate.types';

/** Every algorithm version this code computes; an answer names the one it used, and any of them can be asked for. */
export const ESTIMATE_ALGORITHM_VERSIONS = [1, 2] as const;
export type EstimateAlgorithmVersion = (typeof ESTIMATE_ALGORITHM_VERSIONS)[number];
/** What a request that names no version gets. */
export const LATEST_ESTIMATE_ALGORITHM_VERSION: EstimateAlgorithmVersion = 2;

export const isEstimateAlgorithmVersion = (version: unknown): version is EstimateAlgorithmVersion =>
  (ESTIMATE_ALGORITHM_VERSIONS as readonly unknown[]).includes(version);

const bySource = (a: ExcludedFigure, b: ExcludedFigure) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);

/**
 * Consensus estimate, algorithm version 2: version 1 over the figures of
 * sources verified at the basis.
 *
 * 1. Per source, the figure version 1 would retain (latest validAt, then
 *    latest recorded, then smallest figureId; retracted figures and, with
 *    `asOf`, later-dated ones never count).
 * 2. Leave a source out when it awaits verification (unless
 *    `includeUnverified`): reason `source.unverified`; else when it is a party
 *    to the conflict and `excludeParties` is set: `source.party_to_conflict`.
 *    Each left-out source is listed in `excluded` with that figure.
 * 3. Version 1 over the remaining sources' figures gives consensus, low,
 *    high, rows and figureIds; each row says whether its source is verified.
 *
 * Leaving a whole source out before step 1 or after it is the same: a
 * source's verification, like its party flag, holds for all its figures.
 */
export const computeEstimateV2 = (inputs: readonly EstimateInput[], options: EstimateV2Options = {}): EstimateV2 => {
  const excludeParties = options.excludeParties ?? false;
  const includeUnverified = options.includeUnverified ?? false;
  const asOf = options.asOf ?? null;
  const unverified = new Set(inputs.filter((input) => input.needsReview === true).map((input) => input.sourceId));
  const reasonFor = (row: EstimateSourceRow): ExcludedFigure['reason'] | null =>
    !includeUnverified && unverified.has(row.sourceId)
      ? 'source.unverified'
      : excludeParties && row.partyToConflict
        ? 'source.party_to_conflict'
        : null;

  const excluded = computeEstimate(inputs, { asOf })
    .sources.flatMap((row): ExcludedFigure[] => {
      const reason = reasonFor(row);
      return reason === null ? [] : [{ figureId: row.figureId, sourceId: row.sourceId, reason }];
    })
    .sort(bySource);
  const left = new Set(excluded.map((e) => e.sourceId));
  const {
    algorithmVersion: _v1,
    sources,
    ...kept
  } = computeEstimate(
    inputs.filter((input) => !left.has(input.sourceId)),
    { asOf },
  );
  return {
    algorithmVersion: 2,
    ...kept,
    sources: sources.map((row) => ({ ...row, verified: !unverified.has(row.sourceId) })),
    excludeParties,
    includeUnverified,
    excluded,
  };
};

/** The estimate by the version asked for: version 1 ignores `includeUnverified` (it counts every source). */
export function computeEstimateVersion(version: 1, inputs: readonly EstimateInput[], options?: EstimateOptions): Estimate;
export function computeEstimateVersion(version: 2, inputs: readonly EstimateInput[], options?: EstimateV2Options): EstimateV2;
export function computeEstimateVersion(
  version: EstimateAlgorithmVersion,
  inputs: readonly EstimateInput[],
  options?: EstimateV2Options,
): Estimate | EstimateV2;
export function computeEstimateVersion(
  version: EstimateAlgorithmVersion,
  inputs: readonly EstimateInput[],
  options: EstimateV2Options = {},
): Estimate | EstimateV2 {
  if (version === 1) return computeEstimate(inputs, { excludeParties: options.excludeParties, asOf: options.asOf });
  return computeEstimateV2(inputs, options);
}
