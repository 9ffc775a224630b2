import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g529–g544 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g545–g560 were written to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('a letterhead with a spaced hyphen ("FOOD SECURITY CLUSTER - TALVERA") over a "SNAPSHOT No. 9" issues it', () => {
    const text =
      'NUTRITION CLUSTER - MARLAND\nNUTRITION SNAPSHOT No. 4: WESTERN HILLS\nData as of 30 November 2026\n\n' +
      'KEY MESSAGES\n\n- About 215,000 children are acutely malnourished in the four districts.';
    expect(figureIn(text, '215,000')).toMatchObject({ source: 'Nutrition Cluster', sourceBasis: 'issuer' });
  });
});
