import type { Amount } from '@factledger/ledger-domain';
import type { ReferenceLedger } from './reference-ledger';

/**
 * The property test's estimate, versions 1 and 2, written from the README's
 * text alone (no computeEstimate, normaliseAmount or SQL): it reads the
 * reference ledger as folded so far, so a source's party flag and
 * verification are the ones of that position.
 */
export interface EstimateQuestion {
  algorithmVersion: 1 | 2;
  excludeParties: boolean;
  /** Version 2 only. */
  includeUnverified?: boolean;
}

/** Every estimate question the property test asks at every basis: version 1 with and without parties, version 2 with every filter. */
export const ESTIMATE_QUESTIONS: readonly EstimateQuestion[] = [
  { algorithmVersion: 1, excludeParties: false },
  { algorithmVersion: 1, excludeParties: true },
  ...[false, true].flatMap((excludeParties) =>
    [false, true].map((includeUnverified) => ({ algorithmVersion: 2 as const, excludeParties, includeUnverified })),
  ),
];

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const cmpBig = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** exact/approximately → the value; up_to → the high bound; at_least/more_than → the low bound; range → both, the midpoint as point. */
/**
 * Overflow-free midpoint, written again here: the reference fold shares no
 * arithmetic with the code it checks. Near ±MAX_VALUE, a/2 + b/2 (a+b overflows).
 */
const halfway = (a: number, b: number) => (Number.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2);

export function normalise(amount: Amount): { point: number; low: number | null; high: number | null } {
  const a = amount as { qualifier: string; value?: number; low?: number; high?: number };
  if (a.qualifier === 'exact' || a.qualifier === 'approximately') return { point: a.value!, low: a.value!, high: a.value! };
  if (a.qualifier === 'up_to') return { point: a.high!, low: null, high: a.high! };
  if (a.qualifier === 'at_least' || a.qualifier === 'more_than') return { point: a.low!, low: a.low!, high: null };
  if (a.qualifier === 'range') return { point: halfway(a.low!, a.high!), low: a.low!, high: a.high! };
  throw new Error(`unknown qualifier ${a.qualifier}`);
}

/** The basis of an estimate answer: version 2 names its filters. */
export function estimateBasis(ref: ReferenceLedger, validAt: string, q: EstimateQuestion) {
  const basis = ref.basis(validAt, q.algorithmVersion);
  return q.algorithmVersion === 1 ? basis : { ...basis, excludeParties: q.excludeParties, includeUnverified: q.includeUnverified ?? false };
}

/** Null when the metric is not registered. */
export function referenceEstimate(ref: ReferenceLedger, metricKey: string, date: string, q: EstimateQuestion) {
  const metric = ref.metrics.get(metricKey);
  if (!metric) return null;
  const party = (sourceId: string) => ref.sources.get(sourceId)?.fields.partyToConflict === true;
  // Verified: registered, and its review flag (at registration or as an update last set it) is off.
  const verified = (sourceId: string) => ref.sources.get(sourceId)?.fields.needsReview === false;
  // Each figure of the metric held now and not retracted, in its version valid at the date.
  const held = [...ref.figures.values()]
    .filter((f) => f.metricKey === metricKey)
    .flatMap((f) => {
      const h = ref.heldVersion(f.figureId, date);
      return h ? [{ figure: f, version: h.version }] : [];
    });
  // One figure per source: latest validAt, then latest recorded, then smallest id.
  const perSource = new Map<string, (typeof held)[number]>();
  const newer = (a: (typeof held)[number], b: (typeof held)[number]) =>
    cmp(a.version.validAt.date, b.version.validAt.date) ||
    cmpBig(a.version.recorded.position, b.version.recorded.position) ||
    cmp(b.figure.figureId, a.figure.figureId);
  for (const h of held) {
    const kept = perSource.get(h.figure.sourceId);
    if (!kept || newer(h, kept) > 0) perSource.set(h.figure.sourceId, h);
  }
  // Version 2 leaves out unverified sources (unless includeUnverified), then, with excludeParties, parties; version 1 only parties.
  const v2 = q.algorithmVersion === 2;
  const reason = (sourceId: string) =>
    v2 && !q.includeUnverified && !verified(sourceId) ? 'source.unverified' : q.excludeParties && party(sourceId) ? 'source.party_to_conflict' : null;
  const excluded = [...perSource.values()]
    .filter((h) => reason(h.figure.sourceId) !== null)
    .map((h) => ({ figureId: h.figure.figureId, sourceId: h.figure.sourceId, reason: reason(h.figure.sourceId)! }))
    .sort((a, b) => cmp(a.sourceId, b.sourceId));
  const rows = [...perSource.values()]
    .filter((h) => reason(h.figure.sourceId) === null)
    .map(({ figure, version: v }) => ({
      sourceId: figure.sourceId,
      figureId: figure.figureId,
      version: v.version,
      partyToConflict: party(figure.sourceId),
      amount: v.amount,
      validAt: v.validAt,
      ...normalise(v.amount),
      recordedPosition: v.recorded.position,
      recordedAt: v.recorded.recordedAt,
      citation: v.citation,
      ...(v2 ? { verified: verified(figure.sourceId) } : {}),
    }))
    .sort((a, b) => a.point - b.point || cmp(a.sourceId, b.sourceId));
  const points = rows.map((r) => r.point).sort((a, b) => a - b);
  const mid = Math.floor(points.length / 2);
  const lastChange = ref.lastChange.get(metricKey);
  return {
    metricKey,
    unit: metric.fields.unit,
    algorithmVersion: q.algorithmVersion,
    consensus: points.length === 0 ? null : points.length % 2 === 1 ? points[mid]! : halfway(points[mid - 1]!, points[mid]!),
    // The envelope: a bound a figure does not state is its point.
    low: rows.length === 0 ? null : Math.min(...rows.map((r) => r.low ?? r.point)),
    high: rows.length === 0 ? null : Math.max(...rows.map((r) => r.high ?? r.point)),
    sourceCount: rows.length,
    sources: rows,
    figureIds: rows.map((r) => r.figureId),
    excludeParties: q.excludeParties,
    ...(v2 ? { includeUnverified: q.includeUnverified ?? false, excluded } : {}),
    excludedSources: excluded.map((e) => e.sourceId),
    lastChange: lastChange ? { position: lastChange.position, recordedAt: lastChange.recordedAt } : null,
  };
}

/** The cases an expected estimate answer holds, for the property test's tally: it must not pass without them. */
export function estimateCases(data: NonNullable<ReturnType<typeof referenceEstimate>>, q: EstimateQuestion) {
  const cases: ('estimates' | 'multiSource' | 'excluded' | 'unverifiedExcluded' | 'unverifiedCounted')[] = ['estimates'];
  if (data.sourceCount > 1) cases.push('multiSource');
  if (data.excludedSources.length > 0) cases.push('excluded');
  if (data.excluded?.some((e) => e.reason === 'source.unverified')) cases.push('unverifiedExcluded');
  if (q.includeUnverified && data.sources.some((row) => row.verified === false)) cases.push('unverifiedCounted');
  return cases;
}
