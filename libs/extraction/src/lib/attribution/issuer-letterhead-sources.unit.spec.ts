import { figureIn } from '../../__fixtures__/find-figure';

// Found by the held-out batch g129–g136 (scored before it was written). Texts invented.
const credit = (text: string, fragment: string) => {
  const f = figureIn(text, fragment, { publishedAt: '2026-01-22' });
  return { source: f.source, basis: f.sourceBasis };
};

describe("a release's issuer named on its own header line", () => {
  const release =
    'PRESS RELEASE\n\nWater Board of Lower Velm\nDate: 22.01.2026\n\nNew record of water supplied\n\n' +
    'The Water Board of Lower Velm (WBLV) is pleased to inform that the plants delivered 61.3 million cubic metres.\n\n' +
    'The network has 2,400 kilometres of pipes.';

  it('credits the figures nobody else says to the body named in title case under the marker', () => {
    expect(credit(release, '61.3')).toMatchObject({ source: 'Water Board of Lower Velm', basis: 'issuer' });
    expect(credit(release, '2,400')).toMatchObject({ source: 'Water Board of Lower Velm', basis: 'issuer' });
  });

  it('a headline in title case that names no body is not the issuer', () => {
    const text = 'PRESS RELEASE\n\nRecord Summer For Lake Ferries\n\nThe ferries carried 52,000 passengers in July.';
    expect(credit(text, '52,000').basis).not.toBe('issuer');
  });
});
