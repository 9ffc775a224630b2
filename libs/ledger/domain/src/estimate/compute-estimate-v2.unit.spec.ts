import type { Amount } from '../figure/amount';
import { computeEstimate } from './compute-estimate';
import { computeEstimateV2, computeEstimateVersion, isEstimateAlgorithmVersion, LATEST_ESTIMATE_ALGORITHM_VERSION } from './compute-estimate-v2';
import { estimateInput as input } from '../testing/estimate-input';

const about = (value: number): Amount => ({ qualifier: 'approximately', value });

/**
 * North Korean troops in Russia, end of October 2024, with two sources
 * ingestion created from article text that no editor has verified yet: a
 * Telegram channel (50,000, and an older 40,000) and a military blogger,
 * party to the conflict.
 */
const verified = [
  input('nl-mivd', about(3000), '2024-10-28'),
  input('kr-nis', about(3000), '2024-10-28'),
  input('ua-hur', about(12000), '2024-10-24', { partyToConflict: true }),
];
const unverified = [
  input('tg-channel', about(40000), '2024-10-20', { needsReview: true }),
  input('tg-channel', about(50000), '2024-10-27', { needsReview: true }),
  input('ru-blogger', { qualifier: 'range', low: 1000, high: 2000 }, '2024-10-26', { partyToConflict: true, needsReview: true }),
];
const ledger = [...verified, ...unverified];

describe('computeEstimateV2', () => {
  it('is the latest version, and the only versions are 1 and 2', () => {
    expect(LATEST_ESTIMATE_ALGORITHM_VERSION).toBe(2);
    expect([0, 1, 2, 3, '2'].map(isEstimateAlgorithmVersion)).toEqual([false, true, true, false, false]);
  });

  it("given unverified sources, when estimated, then leaves their figures out and lists each source's would-be figure as excluded", () => {
    const estimate = computeEstimateV2(ledger);
    expect(estimate).toMatchObject({
      algorithmVersion: 2,
      consensus: 3000,
      low: 3000,
      high: 12000,
      sourceCount: 3,
      excludeParties: false,
      includeUnverified: false,
    });
    expect(estimate.figureIds).toEqual(['kr-nis-2024-10-28', 'nl-mivd-2024-10-28', 'ua-hur-2024-10-24']);
    expect(estimate.excluded).toStrictEqual([
      { figureId: 'ru-blogger-2024-10-26', sourceId: 'ru-blogger', reason: 'source.unverified' },
      { figureId: 'tg-channel-2024-10-27', sourceId: 'tg-channel', reason: 'source.unverified' },
    ]);
    expect(estimate.sources.every((row) => row.verified)).toBe(true);
  });

  it('given unverified sources, when includeUnverified, then counts them as version 1 does and marks their rows', () => {
    const estimate = computeEstimateV2(ledger, { includeUnverified: true });
    const { algorithmVersion: _a, sources, ...v1 } = computeEstimate(ledger);
    expect(estimate).toMatchObject({ ...v1, includeUnverified: true, excluded: [] });
    expect(estimate.sources.map(({ verified: _verified, ...row }) => row)).toStrictEqual(sources);
    expect(estimate.sources.filter((row) => !row.verified).map((row) => row.sourceId)).toEqual(['ru-blogger', 'tg-channel']);
  });

  it('given every source verified, when estimated, then answers what version 1 answers, with nothing excluded', () => {
    for (const excludeParties of [false, true]) {
      const { algorithmVersion, sources, ...v1 } = computeEstimate(verified, { excludeParties });
      const v2 = computeEstimateV2(verified, { excludeParties });
      expect([algorithmVersion, v2.algorithmVersion]).toEqual([1, 2]);
      expect(v2).toMatchObject(v1);
      expect(v2.sources).toStrictEqual(sources.map((row) => ({ ...row, verified: true })));
      expect(v2.excluded).toEqual(excludeParties ? [{ figureId: 'ua-hur-2024-10-24', sourceId: 'ua-hur', reason: 'source.party_to_conflict' }] : []);
    }
  });

  it('given excludeParties, when a party is also unverified, then it is excluded once, as unverified; with includeUnverified, as a party', () => {
    expect(computeEstimateV2(ledger, { excludeParties: true }).excluded.map((e) => [e.sourceId, e.reason])).toEqual([
      ['ru-blogger', 'source.unverified'],
      ['tg-channel', 'source.unverified'],
      ['ua-hur', 'source.party_to_conflict'],
    ]);
    const both = computeEstimateV2(ledger, { excludeParties: true, includeUnverified: true });
    expect(both.excluded.map((e) => [e.sourceId, e.reason])).toEqual([
      ['ru-blogger', 'source.party_to_conflict'],
      ['ua-hur', 'source.party_to_conflict'],
    ]);
    expect(both).toMatchObject({ consensus: 3000, sourceCount: 3, figureIds: ['kr-nis-2024-10-28', 'nl-mivd-2024-10-28', 'tg-channel-2024-10-27'] });
  });

  it("given an as-of date, when the unverified source's latest figure is later, then the one valid then is the excluded one", () => {
    expect(computeEstimateV2(ledger, { asOf: '2024-10-25' }).excluded).toEqual([
      { figureId: 'tg-channel-2024-10-20', sourceId: 'tg-channel', reason: 'source.unverified' },
    ]);
  });

  it('given only unverified sources, when estimated, then there is no consensus and every source is accounted for', () => {
    const estimate = computeEstimateV2(unverified);
    expect(estimate).toMatchObject({ consensus: null, low: null, high: null, sourceCount: 0, sources: [], figureIds: [] });
    expect(estimate.excluded).toHaveLength(2);
  });

  it('given a retracted figure of an unverified source, when it was its only one, then nothing is listed for it', () => {
    expect(computeEstimateV2([...verified, { ...unverified[2]!, retracted: true }]).excluded).toEqual([]);
  });

  it('is computed by the version asked for: version 1 counts every source whatever includeUnverified says', () => {
    expect(computeEstimateVersion(1, ledger, { includeUnverified: false })).toStrictEqual(computeEstimate(ledger));
    expect(computeEstimateVersion(2, ledger, { excludeParties: true })).toStrictEqual(computeEstimateV2(ledger, { excludeParties: true }));
  });

  it('gives the same result whatever the input order, and does not mutate its inputs', () => {
    const before = JSON.stringify(ledger);
    const expected = JSON.stringify(computeEstimateV2(ledger, { excludeParties: true }));
    expect(JSON.stringify(computeEstimateV2([...ledger].reverse(), { excludeParties: true }))).toBe(expected);
    expect(JSON.stringify(ledger)).toBe(before);
  });
});
