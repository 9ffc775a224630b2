import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g369–g384 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g385–g400 were written to stay unfixed. Every text here is invented.

describe("a lender's own release, in its voice", () => {
  it('"EMBARGOED UNTIL …" under a letterhead marks the issuer’s own release: its unattributed figures are the issuer’s', () => {
    const text =
      'HALBERSTON BUILDING SOCIETY\nSavings Update\n\nEMBARGOED UNTIL 00:01, TUESDAY 4 MAY 2027\n\n' +
      'Savings balances grew by £212 million in April, the strongest month this year.';
    expect(figureIn(text, '£212 million')).toMatchObject({ source: 'Halberston Building Society', sourceBasis: 'issuer' });
  });

  it('"Mortgage Lending Monitor – May 2027" under a letterhead is a body’s own monthly monitor, as an index is', () => {
    const text =
      'CARROWAY BANK PLC\nMortgage Lending Monitor – May 2027\n\nHeadlines\n\n' + '• Gross lending reached £2.1 billion in May, up 4.2% on April.';
    expect(figureIn(text, '£2.1 billion')).toMatchObject({ source: 'Carroway Bank PLC', sourceBasis: 'issuer' });
  });

  it('a news story that only quotes an embargoed release keeps its own attribution', () => {
    const text =
      'Savers put more money away in April.\n\nHalberston Building Society said in a statement, embargoed until Tuesday, that balances grew by £212 million.';
    expect(figureIn(text, '£212 million')).toMatchObject({ source: 'Halberston Building Society' });
    expect(figureIn(text, '£212 million').sourceBasis).not.toBe('issuer');
  });
});
