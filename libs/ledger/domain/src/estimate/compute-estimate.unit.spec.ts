import type { Amount } from '../figure/amount';
import { computeEstimate, ESTIMATE_ALGORITHM_VERSION } from './compute-estimate';
import type { EstimateInput } from './estimate.types';
import { estimateInput as input } from '../testing/estimate-input';
const exact = (value: number): Amount => ({ qualifier: 'exact', value });

/** North Korean troops in Russia, end of October 2024. */
const scenario: EstimateInput[] = [
  // Dutch intelligence: "up to 1,500" on 25 Oct, a separate figure about 3,000 on 28 Oct.
  input('nl-mivd', { qualifier: 'up_to', high: 1500 }, '2024-10-25'),
  input('nl-mivd', { qualifier: 'approximately', value: 3000 }, '2024-10-28'),
  input('kr-nis', { qualifier: 'approximately', value: 3000 }, '2024-10-28'),
  // Ukrainian intelligence, a party to the conflict: "about 12,000".
  input('ua-hur', { qualifier: 'approximately', value: 12000 }, '2024-10-24', { partyToConflict: true }),
];

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

describe('computeEstimate', () => {
  it('is algorithm version 1', () => {
    expect(ESTIMATE_ALGORITHM_VERSION).toBe(1);
    expect(computeEstimate([]).algorithmVersion).toBe(1);
  });

  it('gives nulls and no sources for no inputs', () => {
    expect(computeEstimate([], { excludeParties: true })).toStrictEqual({
      algorithmVersion: 1,
      consensus: null,
      low: null,
      high: null,
      sourceCount: 0,
      sources: [],
      figureIds: [],
      excludeParties: true,
      asOf: null,
    });
  });

  it('keeps one figure per source - its latest - and takes the median: the troops scenario', () => {
    const estimate = computeEstimate(scenario);
    expect(estimate).toMatchObject({ consensus: 3000, low: 3000, high: 12000, sourceCount: 3 });
    expect(estimate.sources.map((row) => [row.sourceId, row.point])).toEqual([
      ['kr-nis', 3000],
      ['nl-mivd', 3000],
      ['ua-hur', 12000],
    ]);
    expect(estimate.figureIds).toEqual(['kr-nis-2024-10-28', 'nl-mivd-2024-10-28', 'ua-hur-2024-10-24']);
    expect(estimate.sources[0]).toStrictEqual({
      sourceId: 'kr-nis',
      figureId: 'kr-nis-2024-10-28',
      partyToConflict: false,
      amount: { qualifier: 'approximately', value: 3000 },
      validAt: { date: '2024-10-28', precision: 'day' },
      point: 3000,
      low: 3000,
      high: 3000,
      recordedPosition: scenario[2].recordedPosition,
      recordedAt: '2024-10-28T12:00:00.000Z',
    });
  });

  it('drops sources that are party to the conflict on request', () => {
    const estimate = computeEstimate(scenario, { excludeParties: true });
    expect(estimate).toMatchObject({ consensus: 3000, low: 3000, high: 3000, sourceCount: 2, excludeParties: true });
    expect(estimate.figureIds).not.toContain('ua-hur-2024-10-24');
  });

  it('takes the middle point for an odd count', () => {
    expect(
      computeEstimate([input('a', exact(100), '2024-10-01'), input('b', exact(1), '2024-10-01'), input('c', exact(5), '2024-10-01')]).consensus,
    ).toBe(5);
  });

  it('takes the mean of the two middle points for an even count', () => {
    const inputs = [exact(1), exact(100), exact(7), exact(5)].map((amount, i) => input(`s${i}`, amount, '2024-10-01'));
    expect(computeEstimate(inputs).consensus).toBe(6);
    expect(computeEstimate(inputs.slice(0, 2)).consensus).toBe(50.5);
  });

  it('uses the midpoint of a range as its point and its bounds for the envelope', () => {
    const estimate = computeEstimate([
      input('a', { qualifier: 'range', low: 2500, high: 3000 }, '2024-10-28'),
      input('b', { qualifier: 'range', low: 500, high: 20000 }, '2024-10-28'),
      input('c', exact(3000), '2024-10-28'),
    ]);
    expect(estimate.sources.map((row) => row.point)).toEqual([2750, 3000, 10250]);
    expect(estimate).toMatchObject({ consensus: 3000, low: 500, high: 20000 });
  });

  it('uses an up_to bound as a high bound and an at_least bound as a low bound', () => {
    const estimate = computeEstimate([
      input('nl-mivd', { qualifier: 'up_to', high: 1500 }, '2024-10-25'),
      input('ua-hur', { qualifier: 'at_least', low: 10000 }, '2024-10-25'),
      input('kr-nis', { qualifier: 'range', low: 2000, high: 4000 }, '2024-10-25'),
      input('us-intel', { qualifier: 'more_than', low: 2500 }, '2024-10-25'),
    ]);
    expect(estimate.sources.map((row) => [row.sourceId, row.point, row.low, row.high])).toEqual([
      ['nl-mivd', 1500, null, 1500],
      ['us-intel', 2500, 2500, null],
      ['kr-nis', 3000, 2000, 4000],
      ['ua-hur', 10000, 10000, null],
    ]);
    // Missing bounds fall back to the point: low = min(1500, 2500, 2000, 10000), high = max(1500, 2500, 4000, 10000).
    expect(estimate).toMatchObject({ consensus: 2750, low: 1500, high: 10000 });
  });

  it('prefers the later validAt even when an older-dated figure was recorded later', () => {
    const latest = input('kr-nis', exact(3000), '2024-10-28', { recordedPosition: '5' });
    const backfilled = input('kr-nis', { qualifier: 'up_to', high: 1500 }, '2024-10-18', { recordedPosition: '50' });
    expect(computeEstimate([latest, backfilled]).figureIds).toEqual([latest.figureId]);
  });

  it('breaks validAt ties by the later recordedPosition, compared as BigInt', () => {
    const nine = input('kr-nis', exact(1500), '2024-10-28', { figureId: 'f-9', recordedPosition: '9' });
    const ten = input('kr-nis', exact(3000), '2024-10-28', { figureId: 'f-10', recordedPosition: '10' });
    expect(computeEstimate([nine, ten]).figureIds).toEqual(['f-10']);
    const big = input('kr-nis', exact(1), '2024-10-28', { figureId: 'f-big', recordedPosition: '9007199254740993' });
    const smaller = input('kr-nis', exact(2), '2024-10-28', { figureId: 'f-smaller', recordedPosition: '9007199254740992' });
    expect(computeEstimate([big, smaller]).figureIds).toEqual(['f-big']);
  });

  it('breaks a full tie by the smaller figureId', () => {
    const a = input('kr-nis', exact(1), '2024-10-28', { figureId: 'b-figure', recordedPosition: '7' });
    const b = input('kr-nis', exact(2), '2024-10-28', { figureId: 'a-figure', recordedPosition: '7' });
    expect(computeEstimate([a, b]).figureIds).toEqual(['a-figure']);
  });

  it('sorts rows with equal points by sourceId', () => {
    const rows = computeEstimate([input('zz', exact(3000), '2024-10-28'), input('aa', exact(3000), '2024-10-28')]).sources;
    expect(rows.map((row) => row.sourceId)).toEqual(['aa', 'zz']);
  });

  it("ignores retracted figures, falling back to the source's latest remaining figure", () => {
    const retracted = { ...scenario[1], retracted: true };
    const estimate = computeEstimate([scenario[0], retracted, scenario[2], scenario[3]]);
    expect(estimate.figureIds).toEqual(['nl-mivd-2024-10-25', 'kr-nis-2024-10-28', 'ua-hur-2024-10-24']);
    expect(estimate).toMatchObject({ consensus: 3000, low: 1500, high: 12000, sourceCount: 3 });
    const onlyRetracted = computeEstimate([{ ...scenario[3], retracted: true }]);
    expect(onlyRetracted).toMatchObject({ consensus: null, sourceCount: 0 });
  });

  it('can be computed as of a date', () => {
    const estimate = computeEstimate(scenario, { asOf: '2024-10-25' });
    expect(estimate).toMatchObject({ asOf: '2024-10-25', consensus: 6750, low: 1500, high: 12000, sourceCount: 2 });
    expect(estimate.figureIds).toEqual(['nl-mivd-2024-10-25', 'ua-hur-2024-10-24']);
  });

  it('gives the same result whatever the input order', () => {
    const inputs = [
      ...scenario,
      input('us-intel', { qualifier: 'range', low: 2500, high: 3500 }, '2024-10-28', { recordedPosition: '100' }),
      input('us-intel', exact(3000), '2024-10-28', { recordedPosition: '100', figureId: 'us-tie' }),
    ];
    const expected = JSON.stringify(computeEstimate(inputs));
    for (const order of permutations(inputs)) expect(JSON.stringify(computeEstimate(order))).toBe(expected);
    expect(computeEstimate(inputs).figureIds).toContain('us-intel-2024-10-28');
  });

  it('does not mutate its inputs', () => {
    const inputs = [...scenario];
    const before = JSON.stringify(inputs);
    computeEstimate(inputs, { excludeParties: true });
    expect(JSON.stringify(inputs)).toBe(before);
  });
});
