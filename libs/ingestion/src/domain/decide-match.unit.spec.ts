import type { Amount } from '@factledger/ledger-domain';
import { decideMatch, sameClaimAmount, sameValidPeriod, withinRounding, type KnownFigure, type MatchCandidate } from './decide-match';

const day = (date: string) => ({ date, precision: 'day' as const });
const about = (value: number): Amount => ({ qualifier: 'approximately', value });
const known = (figureId: string, amount: Amount, date: string, cited: string[] = ['r-old'], previousAmounts?: Amount[]): KnownFigure => ({
  figureId,
  amount,
  validAt: day(date),
  citedReportIds: cited,
  ...(previousAmounts ? { previousAmounts } : {}),
});
const claim = (amount: Amount, date: string, over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  amount,
  validAt: day(date),
  reportId: 'r-new',
  revises: false,
  ...over,
});

describe('value within rounding', () => {
  it.each([
    [1_300_000, 1_302_000, true],
    [12_000, 12_050, true],
    [3_000, 3_100, false],
    [50, 50.2, true],
    [0, 0, true],
    [0, 1, false],
  ])('%d ~ %d: %s', (a, b, same) => {
    expect(withinRounding(a, b)).toBe(same);
    expect(withinRounding(b, a)).toBe(same);
  });

  it('treats "about" and a bare number alike; every other qualifier matches only itself', () => {
    expect(sameClaimAmount(about(12_000), { qualifier: 'exact', value: 12_000 })).toBe(true);
    expect(sameClaimAmount({ qualifier: 'at_least', low: 1e6 }, { qualifier: 'at_least', low: 1_002_000 })).toBe(true);
    expect(sameClaimAmount({ qualifier: 'at_least', low: 1e6 }, { qualifier: 'more_than', low: 1e6 })).toBe(false);
    expect(sameClaimAmount({ qualifier: 'up_to', high: 1500 }, { qualifier: 'approximately', value: 1500 })).toBe(false);
    expect(sameClaimAmount({ qualifier: 'up_to', high: 1500 }, { qualifier: 'exact', value: 1500 })).toBe(false);
    expect(sameClaimAmount({ qualifier: 'range', low: 8, high: 10 }, { qualifier: 'range', low: 8, high: 12 })).toBe(false);
  });

  it('compares validAt at the coarser precision', () => {
    expect(sameValidPeriod({ date: '2024-10-01', precision: 'month' }, day('2024-10-15'))).toBe(true);
    expect(sameValidPeriod(day('2024-10-15'), { date: '2024-11-01', precision: 'month' })).toBe(false);
    expect(sameValidPeriod(day('2024-10-15'), day('2024-10-16'))).toBe(false);
  });
});

describe('decideMatch', () => {
  const hur12k = known('f-12k', about(12_000), '2024-10-28');

  it('reports a first figure', () => {
    expect(decideMatch(claim(about(12_000), '2024-10-28'), [], [])).toEqual({ kind: 'report', reason: 'new' });
  });

  it('corroborates the same claim (amount within rounding, same validAt), noting whether the report is cited already', () => {
    expect(decideMatch(claim({ qualifier: 'exact', value: 12_010 }, '2024-10-28'), [hur12k], [])).toEqual({
      kind: 'corroborate',
      figureId: 'f-12k',
      alreadyCited: false,
    });
    expect(decideMatch(claim(about(12_000), '2024-10-28', { reportId: 'r-old' }), [hur12k], [])).toEqual({
      kind: 'corroborate',
      figureId: 'f-12k',
      alreadyCited: true,
    });
  });

  it('records the same amount at a later validAt as an update, never a corroboration of the older figure', () => {
    expect(decideMatch(claim(about(12_000), '2024-10-30'), [hur12k], [])).toEqual({ kind: 'report', reason: 'update' });
    // The audit's probe: an exact 12,050 dated 2 November is not "about 12,000" dated 28 October.
    expect(decideMatch(claim({ qualifier: 'exact', value: 12_050 }, '2024-11-02'), [hur12k], [])).toEqual({ kind: 'report', reason: 'update' });
    expect(decideMatch(claim(about(12_000), '2024-11-02', { revises: true }), [hur12k], [])).toEqual({ kind: 'report', reason: 'update' });
  });

  it("corroborates across precisions when one validAt lies in the other's period", () => {
    const october = { ...hur12k, validAt: { date: '2024-10-01', precision: 'month' as const } };
    expect(decideMatch(claim(about(12_000), '2024-10-28'), [october], [])).toMatchObject({ kind: 'corroborate', figureId: 'f-12k' });
  });

  it('reports a later, different value as a new figure (an update)', () => {
    expect(decideMatch(claim(about(15_000), '2024-11-04'), [hur12k], [])).toEqual({ kind: 'report', reason: 'update' });
  });

  it('revises when the report says so: a correction on the same date, an update on a later one', () => {
    expect(decideMatch(claim(about(11_000), '2024-10-28', { revises: true }), [hur12k], [])).toEqual({
      kind: 'revise',
      figureId: 'f-12k',
      revisionKind: 'correction',
    });
    expect(decideMatch(claim(about(11_000), '2024-11-02', { revises: true }), [hur12k], [])).toEqual({
      kind: 'revise',
      figureId: 'f-12k',
      revisionKind: 'update',
    });
    expect(decideMatch(claim(about(11_000), '2024-10-20', { revises: true }), [hur12k], [])).toEqual({ kind: 'report', reason: 'earlier' });
  });

  it('revises the latest figure on or before the claim, not a later one', () => {
    const later = known('f-15k', about(15_000), '2024-11-04');
    expect(decideMatch(claim(about(12_500), '2024-10-30', { revises: true }), [hur12k, later], [])).toMatchObject({
      kind: 'revise',
      figureId: 'f-12k',
    });
  });

  it('flags a different value for the same date from another report, and rejects it from the same report', () => {
    expect(decideMatch(claim(about(10_000), '2024-10-28'), [hur12k], [])).toEqual({ kind: 'report', reason: 'same_date_other_value' });
    expect(decideMatch(claim(about(10_000), '2024-10-28', { reportId: 'r-old' }), [hur12k], [])).toMatchObject({
      kind: 'reject',
      code: 'ingestion.conflicting_figures',
    });
  });

  it("lets this job's own writes win over the read model", () => {
    const revisedInJob = known('f-12k', about(11_000), '2024-10-28', ['r-old', 'r-new'], [about(12_000)]);
    expect(decideMatch(claim(about(11_000), '2024-10-28'), [hur12k], [revisedInJob])).toEqual({
      kind: 'corroborate',
      figureId: 'f-12k',
      alreadyCited: true,
    });
    // "corrected to 11,000, not 12,000": the old value this report just replaced changes nothing.
    expect(decideMatch(claim(about(12_000), '2024-10-28', { revises: true }), [hur12k], [revisedInJob])).toEqual({
      kind: 'corroborate',
      figureId: 'f-12k',
      alreadyCited: true,
    });
  });

  it('records an earlier claim as an earlier figure, even with the amount of the figure after it', () => {
    expect(decideMatch(claim(about(12_000), '2024-10-20'), [hur12k], [])).toEqual({ kind: 'report', reason: 'earlier' });
    expect(decideMatch(claim(about(9_000), '2024-10-20'), [hur12k], [])).toEqual({ kind: 'report', reason: 'earlier' });
  });
});
