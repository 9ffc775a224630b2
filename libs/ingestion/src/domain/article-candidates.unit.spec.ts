import { DEFAULT_METRIC_PATTERNS } from '@factledger/extraction';
import { articleCandidates } from './article-candidates';
import { isRejection } from './figure-line';
import type { Candidate } from './ingestion.types';

const candidates = (text: string, publishedAt = '2024-10-29') =>
  articleCandidates(text, { publishedAt, publisher: 'Capital Times', metrics: DEFAULT_METRIC_PATTERNS }).filter(
    (c): c is Candidate => !isRejection(c),
  );

describe('article candidates', () => {
  it('marks the figures below the confidence threshold for review, with the confidence and the bases of source and date', () => {
    const text =
      "South Korea's spy agency said on Friday that 1,500 North Korean special forces had been sent to Russia. " +
      'The Baltic Defence Observatory said that three thousand North Korean soldiers were training in eastern Russia.';
    const found = (minConfidence?: number) =>
      articleCandidates(text, {
        publishedAt: '2024-10-28',
        publisher: 'Desk',
        metrics: DEFAULT_METRIC_PATTERNS,
        ...(minConfidence !== undefined ? { minConfidence } : {}),
      })
        .filter((c): c is Candidate => !isRejection(c))
        .map((c) => [c.amount, c.extraction!.forReview]);
    // At the default (0.5) both are confident; at a threshold above the number word's confidence, it awaits review.
    expect(found()).toEqual([
      [{ qualifier: 'exact', value: 1500 }, false],
      [{ qualifier: 'exact', value: 3000 }, false],
    ]);
    const [counted, words] = articleCandidates(text, {
      publishedAt: '2024-10-28',
      publisher: 'Desk',
      metrics: DEFAULT_METRIC_PATTERNS,
    }) as Candidate[];
    // Its dateless simple-past sentence goes on with the day the sentence before it names ("said on Friday"): carried.
    expect(words!.extraction).toEqual({ confidence: expect.any(Number), sourceBasis: 'direct', dateBasis: 'carried', forReview: false });
    const [high, low] = [counted!.extraction!.confidence, words!.extraction!.confidence];
    expect(low).toBeLessThan(high);
    const between = (high + low) / 2;
    expect(found(between)).toEqual([
      [{ qualifier: 'exact', value: 1500 }, false],
      [{ qualifier: 'exact', value: 3000 }, true],
    ]);
  });

  it('credits uncredited figures to the publisher and dates undated ones at publication', () => {
    const [figure] = candidates('Russia has lost about 600,000 soldiers killed or wounded since February 2022, by our count.');
    expect(figure).toMatchObject({
      sourceName: 'Capital Times',
      sourceIsPublisher: true,
      validAt: { date: '2024-10-29', precision: 'day' },
      revises: false,
    });
  });

  it('keeps the attributed source, and the quote with its offset in the text', () => {
    const text = 'Intro line.\n\nAccording to Ukrainian intelligence, about 12,000 North Korean troops have been sent to Russia.';
    const [figure] = candidates(text);
    expect(figure).toMatchObject({
      sourceName: 'Ukrainian intelligence',
      sourceIsPublisher: false,
      amount: { qualifier: 'approximately', value: 12000 },
    });
    expect(text.slice(figure!.quoteOffset!, figure!.quoteOffset! + figure!.quote.length)).toBe(figure!.quote);
  });

  it('orders the replaced value of a revision sentence first and does not mark it a revision', () => {
    const text =
      "On 18 October, South Korea's National Intelligence Service said it had corrected its count: 1,900 North Korean troops had been sent to Russia, not 1,500.";
    expect(candidates(text, '2024-10-21').map((c) => [c.amount, c.revises])).toEqual([
      [{ qualifier: 'exact', value: 1500 }, false],
      [{ qualifier: 'exact', value: 1900 }, true],
    ]);
  });

  it('identifies each figure by where its number stands, not by its place among the figures found', () => {
    const text = 'North Korea has sent about 12,000 troops to Russia, the agency said.';
    const after = 'Officials said 3,000 North Korean troops had arrived earlier. ' + text;
    const [alone] = candidates(text);
    const moved = candidates(after).find((c) => c.quote.includes('12,000'));
    expect(alone!.claim).toBe(`@${text.indexOf('12,000')}`);
    // The same claim shifted by the prefix keeps its identity relative to its text; its index among figures changed.
    expect(moved!.claim).toBe(`@${after.indexOf('12,000')}`);
    expect(moved!.at.index).not.toBe(alone!.at.index);
  });

  it('rejects figures no catalog metric fits, with the reason and quote', () => {
    const all = articleCandidates('The city council approved 40 new buses, the mayor said.', {
      publishedAt: '2024-10-29',
      publisher: 'P',
      metrics: DEFAULT_METRIC_PATTERNS,
    });
    expect(all).toEqual([expect.objectContaining({ index: 0, code: 'ingestion.unclassified', quote: expect.stringContaining('40 new buses') })]);
  });
});
