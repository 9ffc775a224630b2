import type { Amount, AmountQualifier, ValidAt } from '@factledger/ledger-domain';

/** A figure already in the ledger (or written earlier in this job), as matching sees it: its current version. */
export interface KnownFigure {
  figureId: string;
  amount: Amount;
  validAt: ValidAt;
  citedReportIds: readonly string[];
  /** Amounts of the versions the current one replaced, when known (the read model holds current versions only). */
  previousAmounts?: readonly Amount[];
}

/** The claim being ingested, already resolved to one source and metric. */
export interface MatchCandidate {
  amount: Amount;
  validAt: ValidAt;
  reportId: string;
  /** The report says it corrects or revises an earlier figure. */
  revises: boolean;
}

export type MatchDecision =
  | { kind: 'report'; reason: 'new' | 'update' | 'earlier' | 'same_date_other_value' }
  | { kind: 'corroborate'; figureId: string; alreadyCited: boolean }
  | { kind: 'revise'; figureId: string; revisionKind: 'correction' | 'update' }
  | { kind: 'reject'; code: string; reason: string };

/** Relative tolerance for "the same value": 0.5 % of the larger number (also the shared scorer's). */
export const ROUNDING_TOLERANCE = 0.005;

/**
 * "12,000" and "about 12,000" are one point claim (two outlets rounding the
 * same figure differently); every other qualifier matches only itself: "at
 * least 1,000" is not "more than 1,000", and "up to 1,500" is never "1,500".
 */
const QUALIFIER_CLASS: Record<AmountQualifier, string> = {
  exact: 'point',
  approximately: 'point',
  up_to: 'up_to',
  at_least: 'at_least',
  more_than: 'more_than',
  range: 'range',
};

/** Equal within rounding: "1.3 million" and "1,302,000" are one number, 3,000 and 3,100 are two. */
export const withinRounding = (a: number, b: number): boolean =>
  Math.abs(a - b) <= Math.max(ROUNDING_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), 1e-9);

const bounds = (a: Amount): number[] => {
  switch (a.qualifier) {
    case 'range':
      return [a.low, a.high];
    case 'up_to':
      return [a.high];
    case 'at_least':
    case 'more_than':
      return [a.low];
    default:
      return [a.value];
  }
};

/**
 * The same amount as a reader would hear it: qualifiers of one class
 * ("about 12,000" and "12,000"; otherwise the same qualifier) and every bound
 * within rounding. "Up to 1,500" is never "1,500".
 */
export const sameClaimAmount = (a: Amount, b: Amount): boolean =>
  QUALIFIER_CLASS[a.qualifier] === QUALIFIER_CLASS[b.qualifier] && bounds(a).every((x, i) => withinRounding(x, bounds(b)[i]!));

/**
 * The same validAt, compared at the coarser of the two precisions: the same
 * day, or one date inside the other's period ("October 2024" holds 15 October).
 */
export const sameValidPeriod = (a: ValidAt, b: ValidAt): boolean => {
  const coarse = a.precision === 'year' || (a.precision === 'month' && b.precision === 'day') ? a : b;
  const fine = coarse === a ? b : a;
  const width = coarse.precision === 'year' ? 4 : coarse.precision === 'month' ? 7 : 10;
  return fine.date.slice(0, width) === coarse.date.slice(0, width);
};

const newestFirst = (a: KnownFigure, b: KnownFigure) =>
  a.validAt.date < b.validAt.date ? 1 : a.validAt.date > b.validAt.date ? -1 : a.figureId < b.figureId ? -1 : a.figureId > b.figureId ? 1 : 0;

/**
 * What a claim of source S about metric M becomes, given S's figures for M in
 * the ledger and those this job wrote already (which win: the read model may
 * not show them yet). A corroboration is the same claim: the same amount
 * (`sameClaimAmount`) valid at the same time (`sameValidPeriod`). Rules, in
 * order:
 *
 * 1. A figure with the same amount and validAt → corroborate it: one more
 *    citation, no new value.
 * 2. T = S's latest figure dated on or before the claim. If this report is
 *    cited by T already and the amount is one that T's current version
 *    replaced, the report names the old value ("corrected it to 1,900, not
 *    1,500") → corroborate T, which changes nothing.
 * 3. The report says it revises or corrects, and T has another amount →
 *    revise T (a correction on T's date, an update on a later one). No T → a
 *    new figure (there is nothing earlier to revise).
 * 4. T dated earlier → a new figure valid at the later date (an update; T
 *    stays true for its own date), whether the amount changed or not: S
 *    restating its number on a later date is a new data point.
 * 5. T on the same date with another amount: if this very report is already
 *    cited by T, the report contradicts itself → reject; else another outlet
 *    attributes a different number to S that day → a new figure, flagged
 *    `same_date_other_value` for review.
 * 6. No T (the claim predates every figure of S) → a new, earlier figure.
 */
export function decideMatch(candidate: MatchCandidate, existing: readonly KnownFigure[], alreadyInThisJob: readonly KnownFigure[]): MatchDecision {
  const pool = new Map(existing.map((f) => [f.figureId, f]));
  for (const f of alreadyInThisJob) pool.set(f.figureId, f);
  const figures = [...pool.values()].sort(newestFirst);
  const corroborate = (f: KnownFigure): MatchDecision => ({
    kind: 'corroborate',
    figureId: f.figureId,
    alreadyCited: f.citedReportIds.includes(candidate.reportId),
  });

  const same = figures.find((f) => sameValidPeriod(f.validAt, candidate.validAt) && sameClaimAmount(f.amount, candidate.amount));
  if (same) return corroborate(same);

  const target = figures.find((f) => f.validAt.date <= candidate.validAt.date);
  if (target?.citedReportIds.includes(candidate.reportId) && target.previousAmounts?.some((a) => sameClaimAmount(a, candidate.amount)))
    return corroborate(target);
  if (!target) return { kind: 'report', reason: figures.length ? 'earlier' : 'new' };
  const sameDate = sameValidPeriod(target.validAt, candidate.validAt);
  if (candidate.revises && !sameClaimAmount(target.amount, candidate.amount)) {
    return { kind: 'revise', figureId: target.figureId, revisionKind: sameDate ? 'correction' : 'update' };
  }
  if (!sameDate) return { kind: 'report', reason: 'update' };
  if (target.citedReportIds.includes(candidate.reportId))
    return {
      kind: 'reject',
      code: 'ingestion.conflicting_figures',
      reason: `this report already gives figure ${target.figureId} another amount for the same source, metric and date; say whether it revises it`,
    };
  return { kind: 'report', reason: 'same_date_other_value' };
}
